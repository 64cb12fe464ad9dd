using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace LavaMoat.Bundler;

public enum DiagnosticSeverity
{
    Warning,

    Error,
}

/// <summary>
/// One problem found by any stage, in the shape the CLI and the MSBuild task print
/// (<c>file(line,col): error LMB1234: message</c>) so terminals and IDE error lists can jump to it.
/// </summary>
/// <param name="Code">The stable code (<c>LMB1001</c>…); users can silence warnings by code.</param>
/// <param name="File">Project-relative path with '/', or null when the problem belongs to no file.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Details">Extra lines (for example where the resolver looked), printed indented below the message.</param>
public sealed record BuildDiagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0,
    ImmutableArray<string> Details = default)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The MSBuild canonical form, followed by the details one per line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (File is not null)
        {
            text.Append(File);
            if (Line > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"({Line},{Column})");
            }

            text.Append(": ");
        }

        text.Append(IsError ? "error " : "warning ").Append(Code).Append(": ").Append(Message);
        if (!Details.IsDefaultOrEmpty)
        {
            foreach (var detail in Details)
            {
                text.Append(Environment.NewLine).Append("    ").Append(detail);
            }
        }

        return text.ToString();
    }
}
