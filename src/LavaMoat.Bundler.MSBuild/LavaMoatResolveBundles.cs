using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LavaMoat.Bundler.MSBuild;

/// <summary>
/// Checks the <c>LavaMoatBundle</c> items and computes where each bundle goes. It runs on every build, including
/// the ones where bundling is skipped as up to date, because the static web asset registration, FileWrites and
/// the up-to-date check all need the output paths.
/// </summary>
public sealed class LavaMoatResolveBundles : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Bundles { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The bundle folder, <c>$(IntermediateOutputPath)lavamoat/</c> as a full path.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The items with OutputFile, MapFile, RelativeOutput and FingerprintPattern added.</summary>
    [Output]
    public ITaskItem[] ResolvedBundles { get; private set; } = [];

    public override bool Execute()
    {
        var resolved = new List<ITaskItem>();
        var byOutput = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Bundles)
        {
            var entry = Path.GetFullPath(item.ItemSpec, ProjectDirectory);
            if (!File.Exists(entry))
            {
                Log.LogError(null, TaskCodes.EntryNotFound, null, entry, 0, 0, 0, 0,
                    $"the LavaMoatBundle entry '{item.ItemSpec}' does not exist");
                continue;
            }

            var errors = new List<string>();
            var bundle = BundleItem.Read(item, ProjectDirectory, OutputDirectory, errors);
            foreach (var error in errors)
            {
                Log.LogError(null, TaskCodes.InvalidMetadata, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
                    $"LavaMoatBundle '{item.ItemSpec}': {error}");
            }

            if (bundle is null)
            {
                continue;
            }

            var output = bundle.Request.OutputPath;
            if (byOutput.TryGetValue(output, out var other))
            {
                Log.LogError(null, TaskCodes.DuplicateOutput, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
                    $"LavaMoatBundle '{item.ItemSpec}' and '{other}' both write {bundle.RelativeOutput}; give one of them another OutputName.");
                continue;
            }

            byOutput[output] = item.ItemSpec;
            var result = new TaskItem(entry);
            item.CopyMetadataTo(result);
            result.SetMetadata(Metadata.OutputFile, output);
            result.SetMetadata(Metadata.MapFile, bundle.Request.SourceMap == Emit.SourceMapMode.External ? output + ".map" : "");
            result.SetMetadata(Metadata.RelativeOutput, bundle.RelativeOutput);
            result.SetMetadata(Metadata.FingerprintPattern, FingerprintPattern(bundle.RelativeOutput));
            resolved.Add(result);
        }

        ResolvedBundles = [.. resolved];
        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// The static web assets pattern for a fingerprinted copy: <c>js/app.bundle.js</c> → <c>js/app.bundle#[.{fingerprint}]?.js</c>,
    /// which serves both <c>app.bundle.js</c> and <c>app.bundle.&lt;hash&gt;.js</c>.
    /// </summary>
    internal static string FingerprintPattern(string relativeOutput)
    {
        var slash = relativeOutput.LastIndexOf('/');
        var dot = relativeOutput.LastIndexOf('.');
        return dot > slash + 1
            ? string.Concat(relativeOutput.AsSpan(0, dot), "#[.{fingerprint}]?", relativeOutput.AsSpan(dot))
            : relativeOutput + "#[.{fingerprint}]?";
    }
}
