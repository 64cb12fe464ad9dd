using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;

namespace LavaMoat.Bundler.MSBuild;

/// <summary>
/// Builds the bundles of the resolved <c>LavaMoatBundle</c> items through the same library call as
/// <c>dotnet lavamoat-bundle</c>, logs the pipeline's diagnostics with full paths (so IDE error lists open the file),
/// and records the module closure in a dependency file that the targets read as the next build's Inputs.
/// </summary>
#pragma warning disable CA1001 // MSBuild never disposes tasks; a token source without timers or wait handles holds nothing to release.
public sealed class LavaMoatBundle : Microsoft.Build.Utilities.Task, ICancelableTask
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource cancellation = new();

    /// <summary>Items from <see cref="LavaMoatResolveBundles"/>: the entry, its options and OutputFile.</summary>
    [Required]
    public ITaskItem[] Bundles { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = "";

    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Receives every file the bundles were built from, one full path a line.</summary>
    [Required]
    public string DependencyFile { get; set; } = "";

    /// <summary>
    /// Receives the inputs the build looked for but did not find (an optional policy override): creating one of
    /// them later must rebuild, yet listing a missing file as an Input would rebuild every time.
    /// </summary>
    [Required]
    public string AbsentDependencyFile { get; set; } = "";

    /// <summary>The files written: bundles, maps and, with AutoPolicy, the policy files in the project's lavamoat/ folder.</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = [];

    public void Cancel() => cancellation.Cancel();

    public override bool Execute()
    {
        var written = new List<ITaskItem>();
        var inputs = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var item in Bundles)
            {
                var errors = new List<string>();
                var bundle = BundleItem.Read(item, ProjectDirectory, OutputDirectory, errors);
                if (bundle is null)
                {
                    // The resolve step reported these already; this is a guard for a hand-written call.
                    Log.LogError(null, TaskCodes.InvalidMetadata, null, item.ItemSpec, 0, 0, 0, 0, string.Join(" ", errors));
                    continue;
                }

                var result = BundlePipeline.Run(bundle.Request, cancellation.Token);
                Report(bundle.Request, result);
                var outputs = new HashSet<string>(result.WrittenFiles, StringComparer.Ordinal);
                inputs.UnionWith(result.InputFiles.Where(f => !outputs.Contains(f)));
                written.AddRange(result.WrittenFiles.Select(f => new Microsoft.Build.Utilities.TaskItem(f)));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // MSBuild reports the cancellation itself; the pipeline left no half-written output behind.
            Log.LogMessage(MessageImportance.Normal, "LavaMoat: bundling cancelled");
            DeleteDependencyFiles();
            return false;
        }
#pragma warning disable CA1031 // A pipeline bug must surface as one located error, not as MSB4018 with a stack dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.LogError(null, TaskCodes.InternalError, null, null, 0, 0, 0, 0, $"LavaMoat internal error: {e.GetType().Name}: {e.Message}");
            Log.LogMessage(MessageImportance.Low, e.ToString());
        }

        WrittenFiles = [.. written];
        if (Log.HasLoggedErrors)
        {
            // Without a dependency file the targets' Outputs are incomplete, so the next build retries even when
            // the fix is a file this build never read (a module that was missing).
            DeleteDependencyFiles();
            return false;
        }

        WriteDependencyFiles(inputs);
        return true;
    }

    private void Report(BundleRequest request, BundleResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            var file = diagnostic.File is { } relative ? Path.GetFullPath(relative, request.ProjectRoot) : null;
            var message = diagnostic.Message;
            if (!diagnostic.Details.IsDefaultOrEmpty)
            {
                // Error lists show the first line; the build log keeps the details (for example where a resolver looked).
                message += Environment.NewLine + string.Join(Environment.NewLine, diagnostic.Details.Select(d => "    " + d));
            }

            if (diagnostic.IsError)
            {
                Log.LogError(null, diagnostic.Code, null, file, diagnostic.Line, diagnostic.Column, 0, 0, message);
            }
            else
            {
                Log.LogWarning(null, diagnostic.Code, null, file, diagnostic.Line, diagnostic.Column, 0, 0, message);
            }
        }

        if (result.Success)
        {
            var stats = result.Stats;
            Log.LogMessage(MessageImportance.Normal, string.Create(CultureInfo.InvariantCulture,
                $"LavaMoat: {Display(request.Entries[0])} -> {Display(request.OutputPath)}: {stats.Modules} modules, {stats.Packages} packages, {stats.BundleBytes} bytes in {stats.Elapsed.TotalSeconds:0.00} s"));
        }
    }

    private string Display(string path) => Path.GetRelativePath(ProjectDirectory, path);

    private void WriteDependencyFiles(IEnumerable<string> inputs)
    {
        var present = new StringBuilder();
        var absent = new StringBuilder();
        foreach (var input in inputs)
        {
            (File.Exists(input) ? present : absent).Append(input).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DependencyFile))!);
        // Always rewritten, even when unchanged: the file is one of the target's Outputs, so its timestamp must move.
        File.WriteAllText(DependencyFile, present.ToString());
        File.WriteAllText(AbsentDependencyFile, absent.ToString());
    }

    private void DeleteDependencyFiles()
    {
        // File.Delete tolerates a missing file but not a missing folder (a first build that failed has neither).
        foreach (var file in new[] { DependencyFile, AbsentDependencyFile })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
