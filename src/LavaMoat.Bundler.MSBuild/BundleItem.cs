using System.Collections.Immutable;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Policy;
using Microsoft.Build.Framework;

namespace LavaMoat.Bundler.MSBuild;

/// <summary>The metadata names of a <c>LavaMoatBundle</c> item, and those the resolve step adds for the targets.</summary>
internal static class Metadata
{
    public const string OutputName = nameof(OutputName);
    public const string ProjectRoot = nameof(ProjectRoot);
    public const string PolicyName = nameof(PolicyName);
    public const string Policy = nameof(Policy);
    public const string PolicyOverride = nameof(PolicyOverride);
    public const string AutoPolicy = nameof(AutoPolicy);
    public const string Scuttle = nameof(Scuttle);
    public const string ScuttleExceptions = nameof(ScuttleExceptions);
    public const string SourceMap = nameof(SourceMap);
    public const string NodeEnv = nameof(NodeEnv);
    public const string TreeShaking = nameof(TreeShaking);

    // Added by LavaMoatResolveBundles.
    public const string OutputFile = nameof(OutputFile);
    public const string MapFile = nameof(MapFile);
    public const string RelativeOutput = nameof(RelativeOutput);
    public const string FingerprintPattern = nameof(FingerprintPattern);
}

/// <summary>One <c>LavaMoatBundle</c> item read into the library's request, or the reasons it cannot be.</summary>
internal sealed record BundleItem(BundleRequest Request, string RelativeOutput)
{
    /// <summary>
    /// Reads an item: <paramref name="item"/>'s spec is the entry (relative to the project directory), metadata
    /// paths are relative to the project directory as everywhere in MSBuild, and the project root is the folder of
    /// the nearest package.json above the entry, because that is where npm package names are decided.
    /// </summary>
    public static BundleItem? Read(ITaskItem item, string projectDirectory, string outputDirectory, ICollection<string> errors)
    {
        var entry = Path.GetFullPath(item.ItemSpec, projectDirectory);
        var outputName = Text(item, Metadata.OutputName) ?? Path.GetFileNameWithoutExtension(entry) + ".bundle.js";
        var normalized = outputName.Replace('\\', '/');
        if (Path.IsPathRooted(outputName) || normalized.Split('/').Any(s => s is "" or "." or ".."))
        {
            // Outputs stay under obj/…/lavamoat/: a rooted or climbing name could land in wwwroot or the sources.
            errors.Add($"OutputName '{outputName}' must be a relative file name below the bundle folder (for example app.bundle.js or js/app.bundle.js).");
        }

        var policyName = Text(item, Metadata.PolicyName) ?? PolicyPaths.DefaultPolicyName;
        if (policyName is "." or ".." || policyName.IndexOfAny(['/', '\\']) >= 0 || policyName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            errors.Add($"PolicyName '{policyName}' must be a plain folder name (it becomes lavamoat/<name>/).");
        }

        var sourceMap = (Text(item, Metadata.SourceMap) ?? "external").ToUpperInvariant() switch
        {
            "EXTERNAL" or "TRUE" => SourceMapMode.External,
            "INLINE" => SourceMapMode.Inline,
            "NONE" or "FALSE" => SourceMapMode.None,
            _ => (SourceMapMode?)null,
        };
        if (sourceMap is null)
        {
            errors.Add($"SourceMap '{item.GetMetadata(Metadata.SourceMap)}' is not one of external, inline, none.");
        }

        var nodeEnv = Text(item, Metadata.NodeEnv) ?? "production";
        if (nodeEnv != "none" && NodeEnvFolding.Validate(nodeEnv) is { } nodeEnvProblem)
        {
            errors.Add($"NodeEnv '{nodeEnv}' {nodeEnvProblem} (or none, to keep process.env.NODE_ENV a run-time read).");
        }

        // On unless set to false, as in the CLI.
        var treeShaking = Text(item, Metadata.TreeShaking) is null || Flag(item, Metadata.TreeShaking, errors);
        var autoPolicy = Flag(item, Metadata.AutoPolicy, errors);
        var scuttle = Flag(item, Metadata.Scuttle, errors);
        var exceptions = (Text(item, Metadata.ScuttleExceptions) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToImmutableArray();
        foreach (var exception in exceptions)
        {
            if (exception[0] == '/' ? exception.LastIndexOf('/') <= 1 : exception.Any(char.IsWhiteSpace))
            {
                errors.Add($"ScuttleExceptions '{exception}' is neither a global name nor a /pattern/flags regular expression.");
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var root = Text(item, Metadata.ProjectRoot) is { } explicitRoot
            ? Path.GetFullPath(explicitRoot, projectDirectory)
            : FindProjectRoot(entry) ?? projectDirectory;
        var output = Path.GetFullPath(normalized, outputDirectory);
        var request = new BundleRequest(root, [entry], output)
        {
            PolicyName = policyName,
            PolicyPath = FullOrNull(item, Metadata.Policy, projectDirectory),
            OverridePath = FullOrNull(item, Metadata.PolicyOverride, projectDirectory),
            AutoPolicy = autoPolicy,
            // Giving exceptions only means something with scuttling, so it turns scuttling on (as in the CLI).
            Scuttle = scuttle || exceptions.Length > 0 ? new ScuttleOptions(exceptions) : null,
            SourceMap = sourceMap!.Value,
            NodeEnv = nodeEnv == "none" ? null : nodeEnv,
            TreeShaking = treeShaking,
        };
        return new BundleItem(request, normalized);
    }

    /// <summary>The folder of the nearest package.json above the entry, or null when there is none.</summary>
    internal static string? FindProjectRoot(string entry)
    {
        for (var dir = Path.GetDirectoryName(entry); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "package.json")))
            {
                return dir;
            }
        }

        return null;
    }

    private static string? Text(ITaskItem item, string name) =>
        item.GetMetadata(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? FullOrNull(ITaskItem item, string name, string projectDirectory) =>
        Text(item, name) is { } path ? Path.GetFullPath(path, projectDirectory) : null;

    private static bool Flag(ITaskItem item, string name, ICollection<string> errors)
    {
        var text = Text(item, name);
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"{name} '{text}' is not true or false.");
        return false;
    }
}
