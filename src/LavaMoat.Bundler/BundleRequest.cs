using System.Collections.Immutable;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler;

/// <summary>What the CLI and the MSBuild task ask the pipeline for: one bundle from one or more entries.</summary>
/// <param name="ProjectRoot">The folder of the app's package.json: package names, module files and the default
/// policy folder are relative to it.</param>
/// <param name="Entries">Entry files (relative to <paramref name="ProjectRoot"/> or full paths), run in this order.</param>
/// <param name="OutputPath">The bundle file to write (full path or relative to the current directory); the source
/// map and a separate runtime go beside it.</param>
public sealed record BundleRequest(string ProjectRoot, ImmutableArray<string> Entries, string OutputPath)
{
    /// <summary>The policy set's folder name under <c>lavamoat/</c> (LavaMoat's <c>policyName</c>).</summary>
    public string PolicyName { get; init; } = Policy.PolicyPaths.DefaultPolicyName;

    /// <summary>policy.json; default <c>lavamoat/&lt;PolicyName&gt;/policy.json</c> under the project root.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>policy-override.json; default beside the default policy.</summary>
    public string? OverridePath { get; init; }

    /// <summary>Where to write policy-debug.json. Setting it asks for the file; with <see cref="AutoPolicy"/> it
    /// defaults to beside the policy.</summary>
    public string? PolicyDebugPath { get; init; }

    /// <summary>Generate policy.json from the code (and policy-debug.json), then bundle with it, in this one build.</summary>
    public bool AutoPolicy { get; init; }

    /// <summary>Fail (LMB4101) when the code needs permissions the effective policy lacks; write nothing.</summary>
    public bool CheckPolicy { get; init; }

    /// <summary>Turns scuttling on (null = off).</summary>
    public ScuttleOptions? Scuttle { get; init; }

    public RuntimePlacement Runtime { get; init; } = RuntimePlacement.Inline;

    public SourceMapMode SourceMap { get; init; } = SourceMapMode.External;

    public bool DebugMode { get; init; }

    public bool StatsMode { get; init; }

    /// <summary>A Node builtin without an installed polyfill is an error instead of an empty module.</summary>
    public bool StrictBuiltins { get; init; }

    public LockdownOptions Lockdown { get; init; } = LockdownOptions.Default;

    /// <summary>The build-time value of <c>process.env.NODE_ENV</c> (dead branches dropped, see
    /// <see cref="Analysis.NodeEnvFolding"/>); null keeps it a run-time read. The CLI and the MSBuild task pick a
    /// default; the library does not substitute unless asked.</summary>
    public string? NodeEnv { get; init; }

    /// <summary>Leave out the unused ES modules of packages that declare <c>sideEffects</c>
    /// (<see cref="Transform.TreeShaker"/>). On by default, as in webpack and esbuild; off bundles every module
    /// reached.</summary>
    public bool TreeShaking { get; init; } = true;
}

/// <summary>What a build did.</summary>
/// <param name="Diagnostics">Every error and warning, sorted by file, line, column and code.</param>
/// <param name="WrittenFiles">Full paths of the files written (bundle, map, runtime, policy files), empty on failure:
/// a failed build writes nothing and leaves earlier outputs as they were.</param>
/// <param name="Stats">Figures for the one-line summary.</param>
/// <param name="InputFiles">Full paths of every file the build read (modules, package.json files it used, policies),
/// for incremental builds.</param>
public sealed record BundleResult(
    ImmutableArray<BuildDiagnostic> Diagnostics,
    ImmutableArray<string> WrittenFiles,
    BundleStats Stats,
    ImmutableArray<string> InputFiles)
{
    public bool Success => !Diagnostics.Any(d => d.IsError);
}

/// <param name="Modules">Modules in the bundle.</param>
/// <param name="Packages">Distinct canonical packages in the bundle (<c>$root$</c> included).</param>
/// <param name="BundleBytes">UTF-8 size of the bundle file.</param>
/// <param name="Elapsed">Wall time of the build.</param>
public sealed record BundleStats(int Modules, int Packages, long BundleBytes, TimeSpan Elapsed)
{
    public static BundleStats None { get; } = new(0, 0, 0, TimeSpan.Zero);

    /// <summary>Wall time of each stage of a successful build, in order (what the benchmarks' profile reads).</summary>
    public ImmutableArray<BuildPhase> Phases { get; init; } = [];
}

/// <summary>One stage of the build: the wall time it took and about how many bytes it allocated (all threads).</summary>
public sealed record BuildPhase(string Name, TimeSpan Elapsed, long AllocatedBytes);
