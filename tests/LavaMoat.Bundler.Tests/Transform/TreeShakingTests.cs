using System.Text.Json;
using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Transform;

/// <summary>
/// Tree shaking (<c>Transform/TreeShaker</c>): unused ES modules of packages that declare <c>sideEffects</c> are
/// left out of the bundle and the policy, and everything the app can observe stays as it was: the names it
/// imports, namespaces it enumerates, side effects of modules that have them, <c>require</c> and <c>import()</c>.
/// </summary>
[TestClass]
public sealed class TreeShakingTests
{
    // A lodash-es-like package: an index that re-exports one module per function, each reading a global of its own.
    private static (string, string)[] Barrel(string sideEffects = "false", string index = "export { default as alpha } from './alpha.js';\nexport { default as beta } from './beta.js';\nexport * from './more.js';\n") =>
    [
        ("node_modules/kit/package.json", $$"""{ "name": "kit", "version": "1.0.0", "type": "module", "main": "index.js", "sideEffects": {{sideEffects}} }"""),
        ("node_modules/kit/index.js", index),
        ("node_modules/kit/alpha.js", "export default function alpha() { return (typeof navigator, 'alpha'); }\n"),
        ("node_modules/kit/beta.js", "export default function beta() { return (typeof location, 'beta'); }\n"),
        ("node_modules/kit/more.js", "export { gamma } from './gamma.js';\nexport { delta } from './delta.js';\n"),
        ("node_modules/kit/gamma.js", "export const gamma = (typeof fetch, 'gamma');\n"),
        ("node_modules/kit/delta.js", "export const delta = (typeof screen, 'delta');\n"),
    ];

    private sealed record Built(string[] Logs, string[] Files, JsonElement Policy);

    private static async Task<Built> BuildAndRun(string root, string entry = "src/main.js", bool treeShaking = true)
    {
        var output = TestPaths.NewWorkDir("shake-out");
        var policyPath = Path.Combine(output, "policy.json");
        var build = BundlePipeline.Run(new BundleRequest(root, [entry], Path.Combine(output, "app.js")) { AutoPolicy = true, PolicyPath = policyPath, TreeShaking = treeShaking });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));
        var result = await VmHarness.RunAsync([new PageScript("app.js", await File.ReadAllTextAsync(Path.Combine(output, "app.js")))]);
        result.AssertNoErrors();
        using var map = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "app.js.map")));
        using var policy = JsonDocument.Parse(await File.ReadAllTextAsync(policyPath));
        var files = map.RootElement.GetProperty("sources").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.AreEqual(build.Stats.Modules, files.Length, "every bundled module is in the map");
        return new Built([.. result.Logs.Select(l => l.Line)], files, policy.RootElement.Clone());
    }

    private const string AppPackage = """{ "name": "app", "version": "1.0.0", "type": "module", "dependencies": { "kit": "1.0.0" } }""";

    [TestMethod]
    public async Task Only_the_re_exported_modules_the_app_imports_are_bundled_and_only_their_globals_are_in_the_policy()
    {
        var root = TestPaths.NewProject("shake-named", [("package.json", AppPackage), ("src/main.js", "import { alpha, gamma } from 'kit';\nconsole.log(alpha(), gamma);\n"), .. Barrel()]);
        var built = await BuildAndRun(root);
        Assert.AreEqual("alpha gamma", built.Logs.Single());
        CollectionAssert.AreEquivalent(
            new[] { "src/main.js", "node_modules/kit/index.js", "node_modules/kit/alpha.js", "node_modules/kit/more.js", "node_modules/kit/gamma.js" },
            built.Files);
        var globals = built.Policy.GetProperty("resources").GetProperty("kit").GetProperty("globals");
        CollectionAssert.AreEquivalent(new[] { "fetch", "navigator" }, globals.EnumerateObject().Select(p => p.Name).ToArray(), globals.ToString());
    }

    [TestMethod]
    public async Task Without_tree_shaking_every_module_reached_is_bundled_and_in_the_policy()
    {
        var root = TestPaths.NewProject("shake-off", [("package.json", AppPackage), ("src/main.js", "import { alpha, gamma } from 'kit';\nconsole.log(alpha(), gamma);\n"), .. Barrel()]);
        var built = await BuildAndRun(root, treeShaking: false);
        Assert.AreEqual("alpha gamma", built.Logs.Single());
        Assert.HasCount(7, built.Files, string.Join(", ", built.Files));
        var globals = built.Policy.GetProperty("resources").GetProperty("kit").GetProperty("globals");
        CollectionAssert.AreEquivalent(new[] { "fetch", "location", "navigator", "screen" }, globals.EnumerateObject().Select(p => p.Name).ToArray(), globals.ToString());
    }

    [TestMethod]
    public async Task A_namespace_read_as_ns_dot_name_needs_those_names_and_one_used_whole_needs_all()
    {
        var members = await BuildAndRun(TestPaths.NewProject("shake-ns-members", [("package.json", AppPackage), ("src/main.js", "import * as kit from 'kit';\nconsole.log(kit.beta(), kit['delta']);\n"), .. Barrel()]));
        Assert.AreEqual("beta delta", members.Logs.Single());
        CollectionAssert.AreEquivalent(
            new[] { "src/main.js", "node_modules/kit/index.js", "node_modules/kit/beta.js", "node_modules/kit/more.js", "node_modules/kit/delta.js" },
            members.Files);

        var whole = await BuildAndRun(TestPaths.NewProject("shake-ns-whole", [("package.json", AppPackage), ("src/main.js", "import * as kit from 'kit';\nconsole.log(Object.keys(kit).join(','));\n"), .. Barrel()]));
        Assert.AreEqual("alpha,beta,delta,gamma", whole.Logs.Single());
        Assert.HasCount(7, whole.Files);
    }

    [TestMethod]
    public async Task Require_and_dynamic_import_of_a_barrel_keep_every_module()
    {
        var required = await BuildAndRun(TestPaths.NewProject(
            "shake-require",
            [("package.json", """{ "name": "app", "version": "1.0.0", "dependencies": { "kit": "1.0.0" } }"""), ("src/main.js", "const kit = require('kit');\nconsole.log(Object.keys(kit).sort().join(','));\n"), .. Barrel()]));
        Assert.AreEqual("alpha,beta,delta,gamma", required.Logs.Single());
        Assert.HasCount(7, required.Files);

        var dynamic = await BuildAndRun(TestPaths.NewProject(
            "shake-dynamic",
            [("package.json", AppPackage), ("src/main.js", "const kit = await import('kit');\nconsole.log(kit.delta);\n"), .. Barrel()]));
        Assert.AreEqual("delta", dynamic.Logs.Single());
        Assert.HasCount(7, dynamic.Files);
    }

    [TestMethod]
    public async Task Modules_with_side_effects_are_kept_and_run_even_when_nothing_is_imported_from_them()
    {
        (string, string)[] files =
        [
            ("package.json", AppPackage),
            ("src/main.js", "import 'kit/polyfill.js';\nimport 'kit/pure.js';\nimport { alpha } from 'kit';\nconsole.log(alpha());\n"),
            .. Barrel("[\"./polyfill.js\"]"),
            ("node_modules/kit/polyfill.js", "console.log('polyfill ran');\n"),
            ("node_modules/kit/pure.js", "console.log('pure ran');\n"),
        ];
        var built = await BuildAndRun(TestPaths.NewProject("shake-side-effects", files));
        CollectionAssert.AreEqual(new[] { "polyfill ran", "alpha" }, built.Logs);
        CollectionAssert.Contains(built.Files, "node_modules/kit/polyfill.js");
        CollectionAssert.DoesNotContain(built.Files, "node_modules/kit/pure.js", "a bare import of a module declared free of side effects is dropped, as webpack does");

        // Without the field every module may have side effects: nothing is left out.
        var unmarked = await BuildAndRun(TestPaths.NewProject("shake-unmarked", [("package.json", AppPackage), ("src/main.js", "import { alpha } from 'kit';\nconsole.log(alpha());\n"), .. Barrel("true")]));
        Assert.HasCount(7, unmarked.Files);
    }

    [TestMethod]
    public async Task A_name_that_reaches_the_app_through_two_barrels_keeps_both()
    {
        (string, string)[] files =
        [
            ("package.json", """{ "name": "app", "version": "1.0.0", "type": "module", "dependencies": { "kit": "1.0.0", "outer": "1.0.0" } }"""),
            ("src/main.js", "import { renamed } from 'outer';\nconsole.log(renamed);\n"),
            ("node_modules/outer/package.json", """{ "name": "outer", "version": "1.0.0", "type": "module", "main": "index.js", "sideEffects": false, "dependencies": { "kit": "1.0.0" } }"""),
            ("node_modules/outer/index.js", "export { gamma as renamed } from 'kit';\nexport { alpha } from 'kit';\nexport const unused = 1;\n"),
            .. Barrel(),
        ];
        var built = await BuildAndRun(TestPaths.NewProject("shake-chain", files));
        Assert.AreEqual("gamma", built.Logs.Single());
        CollectionAssert.AreEquivalent(
            new[] { "src/main.js", "node_modules/outer/index.js", "node_modules/kit/index.js", "node_modules/kit/more.js", "node_modules/kit/gamma.js" },
            built.Files);
    }

    [TestMethod]
    public void Side_effect_patterns_match_as_webpack_reads_them()
    {
        var package = new PackageJson { Directory = "/p", SideEffectFiles = ["*.css", "./src/polyfill.js", "dist/**/init-*.js", "lib/?.js"] };
        Assert.IsFalse(package.IsSideEffectFree("style.css"));
        Assert.IsFalse(package.IsSideEffectFree("deep/er/style.css"), "a pattern without '/' matches at any depth");
        Assert.IsFalse(package.IsSideEffectFree("src/polyfill.js"));
        Assert.IsTrue(package.IsSideEffectFree("other/src/polyfill.js"), "a pattern with '/' is relative to the package");
        Assert.IsFalse(package.IsSideEffectFree("dist/init-a.js"));
        Assert.IsFalse(package.IsSideEffectFree("dist/x/y/init-b.js"));
        Assert.IsFalse(package.IsSideEffectFree("lib/a.js"));
        Assert.IsTrue(package.IsSideEffectFree("lib/ab.js"));
        Assert.IsTrue(package.IsSideEffectFree("index.js"));
        Assert.IsTrue(new PackageJson { Directory = "/p", SideEffectFiles = [] }.IsSideEffectFree("index.js"), "\"sideEffects\": false");
        Assert.IsFalse(new PackageJson { Directory = "/p" }.IsSideEffectFree("index.js"), "no field: may have side effects");
    }
}
