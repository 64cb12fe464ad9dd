using System.Collections.Immutable;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Tests.Resolution;
using ImportKind = LavaMoat.Bundler.Analysis.ImportKind;

namespace LavaMoat.Bundler.Tests.Graph;

[TestClass]
public sealed class ModuleGraphTests
{
    private static readonly string App = Path.GetFullPath(ResolutionFixtures.Project(Path.Combine("..", "graph", "app")));

    private static ModuleGraph BuildApp(string root) =>
        ModuleGraphBuilder.Build(new GraphRequest(root, ["src/main.js", "src/second.cjs"]));

    private static GraphModule Module(ModuleGraph graph, string path) =>
        graph.Find(path) ?? throw new AssertFailedException($"no module '{path}' in: {string.Join(", ", graph.Modules.Select(m => m.Path))}");

    private static string[] Targets(ModuleGraph graph, GraphModule module) =>
        module.Dependencies.Select(e => graph.Modules[e.Target].Path).ToArray();

    [TestMethod]
    public void ReachableModulesAreSortedByPathWithIdsAsIndexes()
    {
        var graph = BuildApp(App);
        string[] expected =
        [
            "<builtin:events>",
            "node_modules/cjs-a/lib/a.js",
            "node_modules/cjs-b/index.js",
            "node_modules/esm-pkg/feature-browser.js",
            "node_modules/esm-pkg/index.js",
            "src/cycle-a.js",
            "src/cycle-b.js",
            "src/data.json",
            "src/helper.js",
            "src/lazy.js",
            "src/main.js",
            "src/second.cjs",
        ];
        CollectionAssert.AreEqual(expected, graph.Modules.Select(m => m.Path).ToArray());
        for (var i = 0; i < graph.Modules.Length; i++)
        {
            Assert.AreEqual(i, graph.Modules[i].Id);
        }

        CollectionAssert.AreEqual(new[] { Module(graph, "src/main.js").Id, Module(graph, "src/second.cjs").Id }, graph.EntryIds.ToArray());
    }

    /// <summary>Files are decoded as File.ReadAllText decodes them: UTF-8 with or without a byte order mark (the
    /// mark dropped), invalid bytes replaced, UTF-16 and UTF-32 by their marks, a large file whole.</summary>
    [TestMethod]
    public void FilesAreReadAsReadAllTextReadsThem()
    {
        var root = Infrastructure.TestPaths.NewWorkDir("encodings");
        var code = "exports.s = \"é \u2028 \U0001F600\";\n";
        var files = new (string Name, byte[] Bytes)[]
        {
            ("plain.js", System.Text.Encoding.UTF8.GetBytes(code)),
            ("bom.js", [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(code)]),
            ("invalid.js", [.. System.Text.Encoding.UTF8.GetBytes("exports.s = \""), 0xC3, 0x28, 0xFF, .. System.Text.Encoding.UTF8.GetBytes("\";\n")]),
            ("utf16.js", [.. System.Text.Encoding.Unicode.Preamble, .. System.Text.Encoding.Unicode.GetBytes(code)]),
            ("utf16be.js", [.. System.Text.Encoding.BigEndianUnicode.Preamble, .. System.Text.Encoding.BigEndianUnicode.GetBytes(code)]),
            ("utf32.js", [.. System.Text.Encoding.UTF32.Preamble, .. System.Text.Encoding.UTF32.GetBytes(code)]),
            ("large.js", System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(code, 40_000)))),
            ("empty.js", []),
        };
        File.WriteAllText(Path.Combine(root, "package.json"), """{ "name": "app", "version": "1.0.0" }""");
        File.WriteAllText(Path.Combine(root, "main.js"), string.Concat(files.Select(f => $"require('./{f.Name}');\n")));
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(root, name), bytes);
        }

        var graph = ModuleGraphBuilder.Build(new GraphRequest(root, ["main.js"]));
        Assert.IsFalse(graph.HasErrors, string.Join("\n", graph.Diagnostics));
        foreach (var (name, _) in files)
        {
            Assert.AreEqual(File.ReadAllText(Path.Combine(root, name)), Module(graph, name).Source, name);
        }

        Assert.AreEqual(code, Module(graph, "bom.js").Source);
        Assert.AreEqual(code, Module(graph, "utf32.js").Source);
    }

    [TestMethod]
    public void FormatsFollowExtensionTypeFieldAndSyntax()
    {
        var graph = BuildApp(App);
        Assert.AreEqual(ModuleFormat.EsModule, Module(graph, "src/main.js").Format, "import/export syntax");
        Assert.AreEqual(ModuleFormat.CommonJs, Module(graph, "src/helper.js").Format, "parses as a script");
        Assert.AreEqual(ModuleFormat.CommonJs, Module(graph, "src/second.cjs").Format);
        Assert.AreEqual(ModuleFormat.Json, Module(graph, "src/data.json").Format);
        Assert.IsNull(Module(graph, "src/data.json").Program);
        // esm-pkg/index.js is `export default 1;` and its package says "type": "module".
        Assert.AreEqual(ModuleFormat.EsModule, Module(graph, "node_modules/esm-pkg/index.js").Format);
        var events = Module(graph, "<builtin:events>");
        Assert.IsTrue(events.IsEmpty);
        Assert.AreEqual(ResolvedModuleKind.BuiltinMissing, events.Kind);
        Assert.AreEqual("events", events.BuiltinName);
        Assert.IsNull(events.Package);
    }

    [TestMethod]
    public void EdgesFollowSourceOrderWithKindsAndPositions()
    {
        var graph = BuildApp(App);
        var main = Module(graph, "src/main.js");
        CollectionAssert.AreEqual(
            new[] { "src/helper.js", "node_modules/esm-pkg/index.js", "node_modules/esm-pkg/feature-browser.js", "src/data.json", "src/cycle-a.js", "src/lazy.js" },
            Targets(graph, main));
        CollectionAssert.AreEqual(
            new[] { ImportKind.Import, ImportKind.Import, ImportKind.Import, ImportKind.Import, ImportKind.ExportFrom, ImportKind.DynamicImport },
            main.Dependencies.Select(e => e.Kind).ToArray());
        var helper = main.Dependencies[0];
        Assert.AreEqual("./helper.js", helper.Specifier);
        Assert.AreEqual(1, helper.Line);
        Assert.AreEqual(24, helper.Column, "1-based column of the opening quote");

        CollectionAssert.AreEqual(new[] { "node_modules/cjs-a/lib/a.js" }, Targets(graph, Module(graph, "src/helper.js")));
        Assert.AreEqual(ImportKind.Require, Module(graph, "src/helper.js").Dependencies[0].Kind);
        CollectionAssert.AreEqual(new[] { "node_modules/cjs-b/index.js" }, Targets(graph, Module(graph, "node_modules/cjs-a/lib/a.js")));
        CollectionAssert.AreEqual(new[] { "<builtin:events>" }, Targets(graph, Module(graph, "node_modules/cjs-b/index.js")));
    }

    [TestMethod]
    public void CyclesAreOneNodePerFile()
    {
        var graph = BuildApp(App);
        CollectionAssert.AreEqual(new[] { "src/cycle-b.js" }, Targets(graph, Module(graph, "src/cycle-a.js")));
        CollectionAssert.AreEqual(new[] { "src/cycle-a.js" }, Targets(graph, Module(graph, "src/cycle-b.js")));
        Assert.AreEqual(graph.Modules.Length, graph.Modules.Select(m => m.Path).Distinct(StringComparer.Ordinal).Count());
    }

    [TestMethod]
    public void PackagesHaveCanonicalNames()
    {
        var graph = BuildApp(App);
        Assert.AreEqual("$root$", Module(graph, "src/main.js").Package);
        Assert.AreEqual("esm-pkg", Module(graph, "node_modules/esm-pkg/index.js").Package);
        Assert.AreEqual("cjs-a", Module(graph, "node_modules/cjs-a/lib/a.js").Package);
        Assert.AreEqual("cjs-a>cjs-b", Module(graph, "node_modules/cjs-b/index.js").Package);
    }

    [TestMethod]
    public void DiagnosticsAreLocatedAndTheBuildGoesOn()
    {
        var graph = BuildApp(App);
        Assert.IsTrue(graph.HasErrors);
        var texts = graph.Diagnostics.Select(d => d.ToString()).ToArray();
        var all = string.Join(Environment.NewLine, texts);

        // Syntax error: `var x = ;` on line 2, the ';' at 0-based column 8 → 9 in the text form; file left out.
        var syntax = graph.Diagnostics.Single(d => d.Code == GraphCodes.SyntaxError);
        Assert.AreEqual("src/broken.js", syntax.File);
        StringAssert.StartsWith(syntax.ToString(), "src/broken.js(2,9): error LMB1001: ", all);
        Assert.IsNull(graph.Find("src/broken.js"));

        // Missing module: importer position and the places searched.
        var missing = graph.Diagnostics.Single(d => d.Code == ResolutionCodes.ModuleNotFound);
        Assert.AreEqual("src/second.cjs", missing.File);
        Assert.AreEqual(3, missing.Line);
        Assert.AreEqual(22, missing.Column);
        Assert.AreEqual("./missing-file", missing.Specifier);
        Assert.IsTrue(missing.Searched.Contains("src/missing-file.js"), all);

        // Non-literal require: a warning with its position.
        var dynamic = graph.Diagnostics.Single(d => d.Code == GraphCodes.NonLiteralSpecifier);
        Assert.AreEqual(ResolutionSeverity.Warning, dynamic.Severity);
        StringAssert.StartsWith(dynamic.ToString(), "src/lazy.js(2,18): warning LMB2201: require() with a non-literal argument", all);

        // Missing builtin polyfill: the resolver's warning, collected.
        Assert.IsTrue(graph.Diagnostics.Any(d => d.Code == ResolutionCodes.BuiltinNotAvailable && d.Severity == ResolutionSeverity.Warning), all);

        // No absolute paths anywhere in the output.
        Assert.IsFalse(all.Contains(App, StringComparison.Ordinal), all);
        Assert.IsFalse(graph.Modules.Any(m => Path.IsPathRooted(m.Path)));
    }

    [TestMethod]
    public void InvalidJsonIsALocatedSyntaxError()
    {
        using var project = new TempProject("graph-json");
        project.Write("package.json", "{ \"name\": \"j\" }");
        project.Write("main.js", "module.exports = require('./bad.json');\n");
        project.Write("bad.json", "{\n  \"a\": 1,\n  oops\n}\n");
        var graph = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["main.js"]));
        var error = graph.Diagnostics.Single(d => d.Code == GraphCodes.SyntaxError);
        Assert.AreEqual("bad.json", error.File);
        Assert.AreEqual(3, error.Line);
        StringAssert.StartsWith(error.ToString(), "bad.json(3,", error.ToString());
        CollectionAssert.AreEqual(new[] { "main.js" }, graph.Modules.Select(m => m.Path).ToArray());
    }

    [TestMethod]
    public void ScriptAndModuleErrorsKeepTheScriptError()
    {
        using var project = new TempProject("graph-goal");
        project.Write("package.json", "{ \"name\": \"g\" }");
        // Fails as a script at the import (line 1) and as a module at `with` (line 2): the first error is kept.
        project.Write("main.js", "import x from './x.js';\nwith (x) {}\n");
        project.Write("x.js", "module.exports = 1;\n");
        var graph = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["main.js"]));
        var error = graph.Diagnostics.Single(d => d.Code == GraphCodes.SyntaxError);
        Assert.AreEqual(1, error.Line, error.ToString());
    }

    [TestMethod]
    public void TypeModulePackagesParseJsAsModules()
    {
        using var project = new TempProject("graph-type");
        project.Write("package.json", "{ \"name\": \"t\", \"type\": \"module\" }");
        // Valid in both goals; only "type": "module" makes it a module.
        project.Write("main.js", "var a = 1;\n");
        var graph = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["main.js"]));
        Assert.AreEqual(ModuleFormat.EsModule, graph.Modules.Single().Format);
        Assert.IsFalse(graph.HasErrors);
    }

    [TestMethod]
    public void SameInputsGiveTheSameGraphFromAnyFolder()
    {
        var first = BuildApp(App);
        var second = BuildApp(App);
        using var copy = new TempProject("graph-copy");
        var copied = Path.Combine(copy.Base, "elsewhere", "app");
        CopyDirectory(App, copied);
        var third = BuildApp(copied);

        var expected = Describe(first);
        CollectionAssert.AreEqual(expected, Describe(second));
        CollectionAssert.AreEqual(expected, Describe(third));
    }

    [TestMethod]
    public void LinkedFilesAreOneModuleUnderTheirRealPath()
    {
        using var project = new TempProject("graph-link");
        project.Write("package.json", "{ \"name\": \"l\", \"dependencies\": { \"shared\": \"1\" } }");
        project.Write("packages/shared/package.json", "{ \"name\": \"shared\", \"main\": \"index.js\" }");
        project.Write("packages/shared/index.js", "module.exports = 1;\n");
        project.Link("node_modules/shared", "../packages/shared");
        project.Write("main.js", "require('shared');\nrequire('./node_modules/shared/index.js');\nrequire('./packages/shared');\n");
        var graph = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["main.js"]));
        CollectionAssert.AreEqual(new[] { "main.js", "packages/shared/index.js" }, graph.Modules.Select(m => m.Path).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 1, 1 }, graph.Modules[0].Dependencies.Select(e => e.Target).ToArray());
        Assert.AreEqual("shared", graph.Modules[1].Package);
    }

    [TestMethod]
    public void BrowserFalseIsAnEmptyNode()
    {
        using var project = new TempProject("graph-empty");
        project.Write("package.json", "{ \"name\": \"e\", \"browser\": { \"./server.js\": false } }");
        project.Write("server.js", "module.exports = require('fs');\n");
        project.Write("main.js", "import './server.js';\n");
        var graph = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["main.js"]));
        CollectionAssert.AreEqual(new[] { "<empty>", "main.js" }, graph.Modules.Select(m => m.Path).ToArray());
        Assert.AreEqual(ResolvedModuleKind.Empty, graph.Modules[0].Kind);
        Assert.IsTrue(graph.Modules[0].IsEmpty);
        Assert.AreEqual(0, graph.Modules[1].Dependencies.Single().Target);
        Assert.IsFalse(graph.HasErrors, string.Join(Environment.NewLine, graph.Diagnostics));
    }

    [TestMethod]
    public void EntriesMayBeFullPathsAndMissingEntriesAreErrors()
    {
        var graph = ModuleGraphBuilder.Build(new GraphRequest(App, ["src/nope.js", Path.Combine(App, "src", "cycle-b.js")]));
        var error = graph.Diagnostics.Single(d => d.Severity == ResolutionSeverity.Error);
        Assert.AreEqual(ResolutionCodes.ModuleNotFound, error.Code);
        CollectionAssert.AreEqual(new[] { "src/cycle-a.js", "src/cycle-b.js" }, graph.Modules.Select(m => m.Path).ToArray());
        CollectionAssert.AreEqual(new[] { 1 }, graph.EntryIds.ToArray());
    }

    [TestMethod]
    public void NonLiteralDynamicImportIsAWarning()
    {
        using var project = new TempProject("graph-dynamic");
        project.Write("package.json", "{ \"name\": \"d\" }");
        project.Write("main.mjs", "const name = './x.mjs';\nexport const load = () => import(name);\n");
        var graph = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["main.mjs"]));
        var warning = graph.Diagnostics.Single();
        Assert.AreEqual("main.mjs(2,34): warning LMB2201: import() with a non-literal argument cannot be bundled; it fails at run time unless the module is bundled some other way", warning.ToString());
        Assert.IsFalse(graph.HasErrors);
        Assert.AreEqual(ModuleFormat.EsModule, graph.Modules.Single().Format);
    }

    [TestMethod]
    public void ManyFilesInParallelGiveOneNodeEachAndTheSameIds()
    {
        using var project = new TempProject("graph-many");
        project.Write("package.json", "{ \"name\": \"m\" }");
        const int count = 300;
        for (var i = 0; i < count; i++)
        {
            // Every file reaches the next two and the first: wide waves, shared targets, one big cycle.
            project.Write($"m/{i}.js", $"require('./{(i + 1) % count}.js');\nrequire('./{(i + 2) % count}.js');\nrequire('./0.js');\n");
        }

        var first = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["m/0.js", "m/150.js"]));
        var second = ModuleGraphBuilder.Build(new GraphRequest(project.Base, ["m/150.js", "m/0.js"]));
        Assert.AreEqual(count, first.Modules.Length);
        Assert.IsTrue(first.Diagnostics.IsEmpty, string.Join(Environment.NewLine, first.Diagnostics));
        CollectionAssert.AreEqual(first.Modules.Select(m => m.Path).ToArray(), first.Modules.Select(m => m.Path).Order(StringComparer.Ordinal).ToArray());
        // Entry order changes discovery order but not ids or edges.
        CollectionAssert.AreEqual(Describe(first).Where(l => !l.StartsWith("entry", StringComparison.Ordinal)).ToArray(),
            Describe(second).Where(l => !l.StartsWith("entry", StringComparison.Ordinal)).ToArray());
        CollectionAssert.AreEqual(first.EntryIds.Reverse().ToArray(), second.EntryIds.ToArray());
    }

    [TestMethod]
    public void CancellationStopsTheBuild()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() =>
            ModuleGraphBuilder.Build(new GraphRequest(App, ["src/main.js"]), cancelled.Token));
    }

    private static string[] Describe(ModuleGraph graph) =>
        graph.Modules.Select(m => $"{m.Id} {m.Path} {m.Package} {m.Format} -> " +
                string.Join(", ", m.Dependencies.Select(e => $"{e.Specifier}@{e.Line}:{e.Column}/{e.Kind}={e.Target}")))
            .Concat(graph.EntryIds.Select(id => "entry " + id))
            .Concat(graph.Diagnostics.Select(d => d.ToString()))
            .ToArray();

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
