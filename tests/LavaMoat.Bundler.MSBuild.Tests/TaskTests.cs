using System.Collections;
using LavaMoat.Bundler.MSBuild;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>
/// The two tasks in process, with a recording build engine: the item → request mapping, the input errors, the
/// dependency files, diagnostics with full paths, and cancellation. Fast; the consumer tests cover the targets.
/// </summary>
[TestClass]
public sealed class TaskTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Resolve_computes_output_paths_and_the_fingerprint_pattern()
    {
        using var app = TempApp.Create();
        var task = new LavaMoatResolveBundles
        {
            BuildEngine = new RecordingEngine(),
            ProjectDirectory = app.Path,
            OutputDirectory = Path.Combine(app.Path, "obj", "lavamoat") + Path.DirectorySeparatorChar,
            Bundles =
            [
                Item("src/app.js", ("OutputName", "js/site.bundle.js")),
                Item("src/app.js", ("OutputName", "inline.js"), ("SourceMap", "inline")),
                Item("src/app.js"),
            ],
        };

        Assert.IsTrue(task.Execute());
        var resolved = task.ResolvedBundles;
        Assert.HasCount(3, resolved);
        Assert.AreEqual(Path.Combine(app.Path, "src", "app.js"), resolved[0].ItemSpec);
        Assert.AreEqual(Path.Combine(app.Path, "obj", "lavamoat", "js", "site.bundle.js"), resolved[0].GetMetadata("OutputFile"));
        Assert.AreEqual(resolved[0].GetMetadata("OutputFile") + ".map", resolved[0].GetMetadata("MapFile"));
        Assert.AreEqual("js/site.bundle#[.{fingerprint}]?.js", resolved[0].GetMetadata("FingerprintPattern"));
        Assert.AreEqual("js/site.bundle.js", resolved[0].GetMetadata("RelativeOutput"));
        Assert.AreEqual("", resolved[1].GetMetadata("MapFile"), "an inline map is no file");
        Assert.AreEqual("app.bundle.js", resolved[2].GetMetadata("RelativeOutput"), "OutputName defaults to <entry>.bundle.js");
    }

    [TestMethod]
    public void Resolve_reports_item_problems_with_codes()
    {
        using var app = TempApp.Create();
        var engine = new RecordingEngine();
        var task = new LavaMoatResolveBundles
        {
            BuildEngine = engine,
            ProjectDirectory = app.Path,
            OutputDirectory = Path.Combine(app.Path, "obj", "lavamoat") + Path.DirectorySeparatorChar,
            Bundles =
            [
                Item("src/missing.js"),
                Item("src/app.js", ("OutputName", "../escape.js")),
                Item("src/app.js", ("SourceMap", "sometimes"), ("AutoPolicy", "yes"), ("TreeShaking", "off")),
                Item("src/app.js", ("OutputName", "same.js")),
                Item("src/app.js", ("OutputName", "same.js")),
            ],
        };

        Assert.IsFalse(task.Execute());
        var errors = engine.Errors.Select(e => (e.Code, e.File)).ToList();
        CollectionAssert.Contains(errors, ("LMB0101", Path.Combine(app.Path, "src", "missing.js")), "a missing entry names the file");
        Assert.AreEqual(4, engine.Errors.Count(e => e.Code == "LMB0102"), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.IsTrue(engine.Errors.Any(e => e.Message!.EndsWith("TreeShaking 'off' is not true or false.", StringComparison.Ordinal)), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.AreEqual(1, engine.Errors.Count(e => e.Code == "LMB0103"));
    }

    [TestMethod]
    public void Bundle_writes_outputs_and_the_dependency_files_and_logs_a_summary()
    {
        using var app = TempApp.Create();
        var (task, engine, depFile) = BundleTask(app, Item("src/app.js", ("AutoPolicy", "true")));

        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        var bundle = Path.Combine(app.Path, "obj", "lavamoat", "app.bundle.js");
        CollectionAssert.IsSubsetOf(new[] { bundle, bundle + ".map" }, task.WrittenFiles.Select(f => f.ItemSpec).ToList());
        var inputs = File.ReadAllLines(depFile);
        CollectionAssert.AreEquivalent(
            new[] { "src/app.js", "node_modules/greet/index.js", "node_modules/shout/index.js", "package.json", "node_modules/greet/package.json", "node_modules/shout/package.json" }
                .Select(p => Path.GetFullPath(p, app.Path)).ToList(),
            inputs);
        // The generated policy is an output, not an input; the absent override is watched for.
        var absent = File.ReadAllLines(depFile + ".absent");
        CollectionAssert.Contains(absent, Path.Combine(app.Path, "lavamoat", "browserify", "policy-override.json"));
        Assert.IsTrue(engine.Messages.Any(m => m.StartsWith("LavaMoat: src/app.js -> obj/lavamoat/app.bundle.js: 3 modules, 3 packages", StringComparison.Ordinal)),
            string.Join("\n", engine.Messages));
    }

    [TestMethod]
    public void Bundle_logs_pipeline_errors_with_full_paths_and_positions()
    {
        using var app = TempApp.Create();
        File.WriteAllText(Path.Combine(app.Path, "src", "app.js"), "import { greet } from 'greet';\nimport x from './missing.js';\n");
        var (task, engine, depFile) = BundleTask(app, Item("src/app.js", ("AutoPolicy", "true")));

        Assert.IsFalse(task.Execute());
        var error = engine.Errors.Single(e => e.Code == "LMB2001");
        Assert.AreEqual(Path.Combine(app.Path, "src", "app.js"), error.File);
        Assert.AreEqual(2, error.LineNumber);
        Assert.IsGreaterThan(0, error.ColumnNumber);
        Assert.IsFalse(File.Exists(depFile), "no dependency record after a failure, so the next build retries");
        Assert.IsFalse(File.Exists(Path.Combine(app.Path, "obj", "lavamoat", "app.bundle.js")));
    }

    [TestMethod]
    public void Cancel_stops_the_build_without_output()
    {
        using var app = TempApp.Create();
        var (task, engine, depFile) = BundleTask(app, Item("src/app.js", ("AutoPolicy", "true")));

        task.Cancel();
        Assert.IsFalse(task.Execute());
        Assert.IsEmpty(engine.Errors, "cancellation is no error of the user's");
        Assert.IsFalse(File.Exists(Path.Combine(app.Path, "obj", "lavamoat", "app.bundle.js")));
        Assert.IsFalse(File.Exists(depFile));
    }

    private static (LavaMoatBundle Task, RecordingEngine Engine, string DepFile) BundleTask(TempApp app, params ITaskItem[] items)
    {
        var engine = new RecordingEngine();
        var depFile = Path.Combine(app.Path, "obj", "lavamoat.inputs");
        var task = new LavaMoatBundle
        {
            BuildEngine = engine,
            ProjectDirectory = app.Path,
            OutputDirectory = Path.Combine(app.Path, "obj", "lavamoat") + Path.DirectorySeparatorChar,
            DependencyFile = depFile,
            AbsentDependencyFile = depFile + ".absent",
            Bundles = items.Select(i => (ITaskItem)new TaskItem(Path.GetFullPath(i.ItemSpec, app.Path), i.CloneCustomMetadata())).ToArray(),
        };
        return (task, engine, depFile);
    }

    private static TaskItem Item(string spec, params (string Name, string Value)[] metadata) =>
        new(spec, metadata.ToDictionary(m => m.Name, m => m.Value));

    /// <summary>A copy of tests/fixtures/msbuild/app in a temporary folder.</summary>
    private sealed class TempApp : IDisposable
    {
        private TempApp(string path) => Path = path;

        public string Path { get; }

        public static TempApp Create()
        {
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lmb-task-" + Guid.NewGuid().ToString("N")[..12]);
            PackageFeed.CopyFixtureApp(dir);
            return new TempApp(dir);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Records what a task logs, as MSBuild would receive it.</summary>
    private sealed class RecordingEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public List<BuildWarningEventArgs> Warnings { get; } = [];

        public List<string> Messages { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? "");

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
