using System.Globalization;
using System.Text;

namespace LavaMoat.Bundler.Policy;

/// <summary>How bad a policy diagnostic is.</summary>
public enum PolicySeverity
{
    /// <summary>The build goes on.</summary>
    Warning,

    /// <summary>The policy cannot be used.</summary>
    Error,
}

/// <summary>
/// A problem in a policy file, located by file, JSON path and (when the reader knows it) line and column, so a user
/// can fix a hand-edited override without a stack trace.
/// </summary>
/// <param name="Code">An <c>LMB4xxx</c> code from <see cref="PolicyCodes"/>.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="File">The policy file as the user should see it (usually project-relative).</param>
/// <param name="JsonPath">Where in the file, e.g. <c>$.resources["foo"].globals["fetch"]</c>; null for the file as a whole.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Message">One sentence.</param>
public sealed record PolicyDiagnostic(
    string Code,
    PolicySeverity Severity,
    string File,
    string? JsonPath,
    int Line,
    int Column,
    string Message)
{
    /// <summary>MSBuild/compiler format: <c>file(line,col): error LMB4003: $.path: message</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"({Line},{Column})");
        }

        text.Append(": ").Append(Severity == PolicySeverity.Error ? "error " : "warning ").Append(Code).Append(": ");
        if (JsonPath is not null)
        {
            text.Append(JsonPath).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}

/// <summary>The diagnostic codes of the policy stage (the LMB4xxx block).</summary>
public static class PolicyCodes
{
    /// <summary>The file is not valid JSON.</summary>
    public const string MalformedJson = "LMB4001";

    /// <summary>A value has the wrong JSON type or a required key is missing.</summary>
    public const string WrongShape = "LMB4002";

    /// <summary>A <c>globals</c> value is not <c>true</c>, <c>false</c> or <c>"write"</c>.</summary>
    public const string InvalidGlobalValue = "LMB4003";

    /// <summary>A <c>packages</c> or <c>builtin</c> value is not a boolean.</summary>
    public const string InvalidBooleanValue = "LMB4004";

    /// <summary>A resource has a key LavaMoat does not know (a typo such as <c>global</c> would silently grant nothing).</summary>
    public const string UnknownResourceKey = "LMB4005";

    /// <summary>A global or builtin path has an empty or <c>__proto__</c> segment.</summary>
    public const string InvalidPath = "LMB4006";

    /// <summary>After the override merge a granted path sits under a granted parent (lavamoat-core's hierarchy check).</summary>
    public const string HierarchyViolation = "LMB4007";

    /// <summary>The file exists but cannot be read.</summary>
    public const string Unreadable = "LMB4008";

    /// <summary>The override names packages the policy does not have (lavamoat-core suggests regenerating).</summary>
    public const string OverrideNamesNewResources = "LMB4009";

    /// <summary>A permission the code needs is missing from the effective policy (<see cref="PolicyCheck"/>).</summary>
    public const string MissingPermission = "LMB4101";
}
