using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace LavaMoat.Bundler.Resolution;

/// <summary>How bad a resolution diagnostic is.</summary>
public enum ResolutionSeverity
{
    /// <summary>The build goes on (for example a Node builtin replaced by an empty module).</summary>
    Warning,

    /// <summary>The build fails.</summary>
    Error,
}

/// <summary>
/// A located resolution or naming problem. Paths are project-root-relative with '/' so the text is the same on
/// every machine. <see cref="Searched"/> lists every place the resolver looked, in order, so the user can see why
/// a specifier did not resolve without a debugger.
/// </summary>
/// <param name="Code">An <c>LMB2xxx</c> code from <see cref="ResolutionCodes"/>.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Message">One sentence, no trailing period needed.</param>
/// <param name="File">The importing file, project-relative; null for an entry point given by the user.</param>
/// <param name="Line">1-based line of the import in <see cref="File"/>, 0 when unknown.</param>
/// <param name="Column">1-based column of the import in <see cref="File"/>, 0 when unknown.</param>
/// <param name="Specifier">The specifier as written, when the diagnostic is about one.</param>
/// <param name="Searched">Every candidate path or rule tried, project-relative, in the order tried.</param>
public sealed record ResolutionDiagnostic(
    string Code,
    ResolutionSeverity Severity,
    string Message,
    string? File,
    int Line,
    int Column,
    string? Specifier,
    ImmutableArray<string> Searched)
{
    /// <summary>MSBuild/compiler format: <c>file(line,col): error LMB2001: message</c>, then the searched places.</summary>
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

        text.Append(Severity == ResolutionSeverity.Error ? "error " : "warning ");
        text.Append(Code).Append(": ").Append(Message);
        if (!Searched.IsDefaultOrEmpty)
        {
            text.Append(Environment.NewLine).Append("  looked in:");
            foreach (var place in Searched)
            {
                text.Append(Environment.NewLine).Append("    ").Append(place);
            }
        }

        return text.ToString();
    }
}

/// <summary>The diagnostic codes of the resolution and naming stages (the LMB2xxx block).</summary>
public static class ResolutionCodes
{
    /// <summary>The specifier matched no file anywhere the algorithm looked.</summary>
    public const string ModuleNotFound = "LMB2001";

    /// <summary>The package has <c>exports</c> and none of its keys/conditions export this subpath.</summary>
    public const string PackagePathNotExported = "LMB2002";

    /// <summary>A <c>#name</c> specifier that the package's <c>imports</c> does not define.</summary>
    public const string PackageImportNotDefined = "LMB2003";

    /// <summary>An <c>exports</c>/<c>imports</c> target that is not allowed (not './', '..' or node_modules segments, ...).</summary>
    public const string InvalidPackageTarget = "LMB2004";

    /// <summary>A specifier that can never be valid (empty, '#', '#/', encoded separators, '..' through a pattern).</summary>
    public const string InvalidModuleSpecifier = "LMB2005";

    /// <summary>A package.json that cannot be read or whose <c>exports</c>/<c>imports</c> is malformed.</summary>
    public const string InvalidPackageConfiguration = "LMB2006";

    /// <summary>A Node builtin with no polyfill installed: an empty module (warning) or, when strict, an error.</summary>
    public const string BuiltinNotAvailable = "LMB2007";

    /// <summary>A file inside a <c>node_modules</c> folder that no declared dependency path reaches.</summary>
    public const string UnknownPackageDirectory = "LMB2101";
}
