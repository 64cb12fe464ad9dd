using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Tests.Infrastructure;
using LavaMoat.Bundler.Transform;

namespace LavaMoat.Bundler.Tests.Transform;

/// <summary>
/// The pipeline transforms each module in two halves: the syntax-tree half inside the graph stage (right after the
/// module is parsed, its tree dropped after), the rest once the graph is linked. These tests hold that split to the
/// whole-tree path: same code, same source mappings, same diagnostics, for every ES module fixture (imports of ES
/// and CommonJS modules, star exports, defaults, cycles, top-level await, HTML-comment lookalikes).
/// </summary>
[TestClass]
public sealed class PreparedTransformTests
{
    public static IEnumerable<object[]> Fixtures =>
        Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "esm")).Order(StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) });

    [TestMethod]
    [DynamicData(nameof(Fixtures))]
    public void Prepared_while_parsing_equals_transformed_from_kept_trees(string fixture)
    {
        var root = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "esm", fixture);
        var kept = ModuleGraphBuilder.Build(new GraphRequest(root, ["src/main.js"]));
        var streamed = ModuleGraphBuilder.Build(new GraphRequest(root, ["src/main.js"]) { Prepare = TransformStage.Prepare, KeepSyntax = false });

        var expected = TransformStage.Run(kept);
        var actual = TransformStage.Run(streamed, m => m.Prepared);

        Assert.IsTrue(streamed.Modules.All(m => m.Program is null && m.Scope is null), "the trees were dropped");
        Assert.AreEqual(expected.Modules.Length, actual.Modules.Length);
        for (var i = 0; i < expected.Modules.Length; i++)
        {
            var (e, a) = (expected.Modules[i], actual.Modules[i]);
            Assert.AreEqual(e.File, a.File);
            Assert.AreEqual(e.Code, a.Code, e.File);
            Assert.AreEqual(e.Shape, a.Shape, e.File);
            Assert.AreEqual(e.HelperName, a.HelperName, e.File);
            CollectionAssert.AreEqual(e.Source?.Mappings?.ToArray(), a.Source?.Mappings?.ToArray(), e.File);
        }

        CollectionAssert.AreEqual(expected.Diagnostics.ToArray(), actual.Diagnostics.ToArray());
    }

    [TestMethod]
    public void The_hook_runs_once_per_parsed_module_and_never_for_json_or_empty_modules()
    {
        var root = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "esm", "commonjs-interop");
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        var graph = ModuleGraphBuilder.Build(new GraphRequest(root, ["src/main.js"])
        {
            Prepare = parsed =>
            {
                seen.Add(parsed.Path);
                Assert.IsNotNull(parsed.Program);
                return parsed.Path.ToUpperInvariant();
            },
        });

        var parsedModules = graph.Modules.Where(m => m.Format is ModuleFormat.EsModule or ModuleFormat.CommonJs).ToList();
        Assert.IsTrue(parsedModules.Count >= 2);
        CollectionAssert.AreEquivalent(parsedModules.Select(m => m.Path).ToList(), seen.ToList());
        foreach (var module in graph.Modules)
        {
            Assert.AreEqual(parsedModules.Contains(module) ? module.Path.ToUpperInvariant() : null, module.Prepared, module.Path);
            Assert.AreEqual(parsedModules.Contains(module), module.Program is not null, "KeepSyntax is on by default: " + module.Path);
        }
    }

    [TestMethod]
    public void A_reserved_replacement_without_its_text_is_refused()
    {
        var edits = new SourceEdits("let a = b;");
        var later = edits.ReplaceLater(8, 9);
        Assert.IsTrue(edits.Touches(8, 9), "a reserved range counts as edited at once");
        Assert.ThrowsExactly<InvalidOperationException>(() => edits.Apply());

        edits.SetText(later, "ns.b");
        Assert.AreEqual("let a = ns.b;", edits.Apply().Code);
    }
}
