namespace LavaMoat.Bundler.Emit;

/// <summary>Where the runtime (SES shim, kernel and lockdown) goes.</summary>
public enum RuntimePlacement
{
    /// <summary>At the start of the bundle file: one script does everything.</summary>
    Inline,

    /// <summary>In <see cref="BundleOutput.Runtime"/>, loaded first by its own script tag; the bundle then only
    /// registers its modules. Also the mode for a second bundle on a page that already has the runtime.</summary>
    Separate,
}

/// <summary>How the source map is delivered.</summary>
public enum SourceMapMode
{
    /// <summary><c>bundle.js.map</c> beside the bundle, referenced by a <c>sourceMappingURL</c> comment.</summary>
    External,

    /// <summary>A base64 <c>data:</c> URL in the bundle itself.</summary>
    Inline,

    /// <summary>No map and no comment.</summary>
    None,
}

/// <summary>Scuttling of the real global object (LavaMoat's <c>scuttleGlobalThis</c>).</summary>
/// <param name="Exceptions">Global names that stay usable: a plain name, or <c>/pattern/flags</c> for a regular expression.</param>
public sealed record ScuttleOptions(IReadOnlyList<string> Exceptions)
{
    public static ScuttleOptions NoExceptions { get; } = new([]);
}

/// <summary>Everything the bundle writer needs to know besides the modules and the policy.</summary>
public sealed record BundleOptions
{
    /// <summary>The file name of the bundle, used for the source map's <c>file</c> and the map's own name.</summary>
    public string BundleFileName { get; init; } = "bundle.js";

    public RuntimePlacement Runtime { get; init; } = RuntimePlacement.Inline;

    public SourceMapMode SourceMap { get; init; } = SourceMapMode.External;

    /// <summary>Written as the map's <c>sourceRoot</c> when set (module files are relative to the project root).</summary>
    public string? SourceRoot { get; init; }

    /// <summary>Turns scuttling on; <c>null</c> leaves the real global alone (the default, as in LavaMoat).</summary>
    public ScuttleOptions? Scuttle { get; init; }

    /// <summary>Readable errors and extra logging, plus a debug API that hands out compartment globals. Never for production.</summary>
    public bool DebugMode { get; init; }

    /// <summary>Records per-module initialisation times, readable through the runtime API's <c>getStats()</c>.</summary>
    public bool StatsMode { get; init; }

    public LockdownOptions Lockdown { get; init; } = LockdownOptions.Default;
}
