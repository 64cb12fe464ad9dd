using System.Text.Json;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Options for SES <c>lockdown()</c>, checked against the values ses 2.3.0 accepts. SES does not validate option
/// values passed in the options object (an unknown <c>evalTaming</c> behaves like <c>'unsafe-eval'</c>), so the
/// writer must. A <c>null</c> property is left out and takes SES's default.
/// </summary>
public sealed record LockdownOptions
{
    /// <summary>LavaMoat's choices (errors with stacks, severe override taming, locale methods kept) plus
    /// <c>evalTaming: 'no-eval'</c>, which states that nothing evaluates code at run time.</summary>
    public static LockdownOptions Default { get; } = new()
    {
        ErrorTaming = "unsafe",
        StackFiltering = "verbose",
        OverrideTaming = "severe",
        LocaleTaming = "unsafe",
    };

    public string EvalTaming { get; init; } = "no-eval";
    public string? ErrorTaming { get; init; }
    public string? ErrorTrapping { get; init; }
    public string? Reporting { get; init; }
    public string? UnhandledRejectionTrapping { get; init; }
    public string? RegExpTaming { get; init; }
    public string? LocaleTaming { get; init; }
    public string? ConsoleTaming { get; init; }
    public string? OverrideTaming { get; init; }
    public string? StackFiltering { get; init; }
    public string? DomainTaming { get; init; }
    public string? LegacyRegeneratorRuntimeTaming { get; init; }
    public IReadOnlyList<string> OverrideDebug { get; init; } = [];

    // Option name -> accepted values, from ses 2.3.0's lockdown(). The deprecated camelCase evalTaming spellings
    // and the no-op mathTaming/dateTaming are not offered; __hardenTaming__ 'unsafe' would disable harden().
    private static readonly (string Name, Func<LockdownOptions, string?> Get, string[] Values)[] Enums =
    [
        ("evalTaming", o => o.EvalTaming, ["safe-eval", "unsafe-eval", "no-eval"]),
        ("errorTaming", o => o.ErrorTaming, ["safe", "unsafe", "unsafe-debug"]),
        ("errorTrapping", o => o.ErrorTrapping, ["platform", "none", "report", "abort", "exit"]),
        ("reporting", o => o.Reporting, ["platform", "console", "none"]),
        ("unhandledRejectionTrapping", o => o.UnhandledRejectionTrapping, ["report", "none"]),
        ("regExpTaming", o => o.RegExpTaming, ["safe", "unsafe"]),
        ("localeTaming", o => o.LocaleTaming, ["safe", "unsafe"]),
        ("consoleTaming", o => o.ConsoleTaming, ["safe", "unsafe"]),
        ("overrideTaming", o => o.OverrideTaming, ["moderate", "min", "severe"]),
        ("stackFiltering", o => o.StackFiltering, ["concise", "omit-frames", "shorten-paths", "verbose"]),
        ("domainTaming", o => o.DomainTaming, ["safe", "unsafe"]),
        ("legacyRegeneratorRuntimeTaming", o => o.LegacyRegeneratorRuntimeTaming, ["safe", "unsafe-ignore"]),
    ];

    /// <summary>One message per invalid option; empty when every value is one SES accepts.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, get, values) in Enums)
        {
            var value = get(this);
            if (value is not null && !values.Contains(value, StringComparer.Ordinal))
            {
                errors.Add($"lockdown option {name}: \"{value}\" is not one of {string.Join(", ", values.Select(v => $"\"{v}\""))}");
            }
        }
        foreach (var name in OverrideDebug)
        {
            if (string.IsNullOrEmpty(name) || name.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"lockdown option overrideDebug: \"{name}\" is not a property name");
            }
        }
        return errors;
    }

    /// <summary>Writes the options object passed to <c>lockdown()</c>, keys in a fixed order.</summary>
    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (name, get, _) in Enums)
        {
            if (get(this) is { } value)
            {
                writer.WriteString(name, value);
            }
        }
        if (OverrideDebug.Count > 0)
        {
            writer.WriteStartArray("overrideDebug");
            foreach (var name in OverrideDebug)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
