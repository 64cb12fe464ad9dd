using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Tests.Infrastructure;
using LavaMoat.Bundler.Transform;

namespace LavaMoat.Bundler.Tests.Transform;

/// <summary>
/// The pipeline from files to a running bundle: policy enforcement for ES module imports and import(),
/// located errors for code that cannot be bundled (with nothing written), Node globals bound to polyfills,
/// exact source maps through the ESM rewrite, and reproducible output.
/// </summary>
[TestClass]
public sealed class PipelineTests
{
    private static (string Path, string Text) Package(string name, params string[] dependencies) =>
        ($"node_modules/{name}/package.json", $$"""{ "name": "{{name}}", "version": "1.0.0", "type": "module", "main": "index.js", "dependencies": { {{string.Join(", ", dependencies.Select(d => $"\"{d}\": \"1.0.0\""))}} } }""");

    private const string AppPackage = """{ "name": "app", "version": "1.0.0", "type": "module" }""";

    [TestMethod]
    public async Task Static_import_of_a_denied_package_fails_before_it_runs_and_import_of_one_rejects()
    {
        var root = TestPaths.NewProject(
            "policy-esm",
            ("package.json", """{ "name": "app", "version": "1.0.0", "type": "module", "dependencies": { "parent": "1.0.0", "static-parent": "1.0.0" } }"""),
            ("src/main.js", """
                import { viaAllowed, loadDenied } from 'parent';
                console.log('allowed: ' + viaAllowed);
                await loadDenied().then(() => console.log('dynamic: loaded'), (e) => console.log('dynamic: ' + e.message));
                await import('static-parent').then(() => console.log('static: loaded'), (e) => console.log('static: ' + e.message));
                """),
            Package("parent", "allowed", "denied"),
            ("node_modules/parent/index.js", "import { a } from 'allowed';\nexport const viaAllowed = a;\nexport const loadDenied = () => import('denied');\n"),
            Package("static-parent", "denied"),
            ("node_modules/static-parent/index.js", "import 'denied';\nexport const never = 1;\n"),
            Package("allowed"),
            ("node_modules/allowed/index.js", "export const a = 'A';\n"),
            Package("denied"),
            ("node_modules/denied/index.js", "throw new Error('the denied package ran');\n"),
            ("lavamoat/browserify/policy.json", """
                { "resources": { "parent": { "packages": { "parent>allowed": true } }, "static-parent": { "packages": {} } } }
                """));
        var output = TestPaths.NewWorkDir("policy-esm-out");
        var build = BundlePipeline.Run(new BundleRequest(root, ["src/main.js"], Path.Combine(output, "app.js")));
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));

        var result = await VmHarness.RunAsync([new PageScript("app.js", await File.ReadAllTextAsync(Path.Combine(output, "app.js")))]);
        result.AssertNoErrors();
        CollectionAssert.AreEqual(
            new[]
            {
                "allowed: A",
                "dynamic: LavaMoat - required package not in allowlist: package \"parent\" requested \"parent>denied\" as \"denied\"",
                "static: LavaMoat - required package not in allowlist: package \"static-parent\" requested \"parent>denied\" as \"denied\"",
            },
            result.Logs.Select(l => l.Line).ToArray());
    }

    [TestMethod]
    public void Importing_a_name_the_module_does_not_export_is_a_located_error_and_nothing_is_written()
    {
        var root = TestPaths.NewProject(
            "missing-export",
            ("package.json", AppPackage),
            ("src/main.js", "import { present } from './lib.js';\nimport { absent } from './lib.js';\nconsole.log(present, absent);\n"),
            ("src/lib.js", "export const present = 1;\n"));
        var output = Path.Combine(TestPaths.NewWorkDir("missing-export-out"), "app.js");
        var build = BundlePipeline.Run(new BundleRequest(root, ["src/main.js"], output) { AutoPolicy = true });
        Assert.IsFalse(build.Success);
        var error = build.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual("src/main.js(2,10): error LMB5002: the requested module \"./lib.js\" (src/lib.js) does not provide an export named \"absent\"", error.ToString());
        Assert.IsFalse(File.Exists(output));
        Assert.IsEmpty(build.WrittenFiles);
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "lavamoat")), "a failed autopolicy build must not write the policy either");
    }

    [TestMethod]
    public void Ambiguous_star_imports_are_refused()
    {
        var root = TestPaths.NewProject(
            "ambiguous",
            ("package.json", AppPackage),
            ("src/main.js", "import { z } from './both.js';\nconsole.log(z);\n"),
            ("src/both.js", "export * from './one.js';\nexport * from './two.js';\n"),
            ("src/one.js", "export const z = 1;\n"),
            ("src/two.js", "export const z = 2;\n"));
        var build = BundlePipeline.Run(new BundleRequest(root, ["src/main.js"], Path.Combine(root, "out", "app.js")) { AutoPolicy = true });
        StringAssert.Contains(build.Diagnostics.Single(d => d.IsError).ToString(), "src/main.js(1,10): error LMB5002: the requested module \"./both.js\" (src/both.js) provides an ambiguous export");
    }

    [TestMethod]
    public void Sloppy_only_CommonJS_is_a_located_error()
    {
        var root = TestPaths.NewProject(
            "sloppy",
            ("package.json", """{ "name": "app", "version": "1.0.0" }"""),
            ("index.js", "var o = { a: 1 };\nwith (o) {\n  a = 2;\n}\n"));
        var build = BundlePipeline.Run(new BundleRequest(root, ["index.js"], Path.Combine(root, "out", "app.js")) { AutoPolicy = true });
        var error = build.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual("LMB1001", error.Code);
        Assert.AreEqual(("index.js", 2, 1), (error.File, error.Line, error.Column));
        StringAssert.Contains(error.Message, "strict");
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "out")));
    }

    [TestMethod]
    public async Task Free_process_and_Buffer_come_from_the_installed_polyfills_not_from_globals()
    {
        var root = TestPaths.NewProject(
            "node-globals",
            ("package.json", """{ "name": "app", "version": "1.0.0", "dependencies": { "uses-node": "1.0.0", "process": "1.0.0", "buffer": "1.0.0" } }"""),
            ("index.js", "const u = require('uses-node');\nconsole.log(u.env + ' ' + u.bytes);\n"),
            ("node_modules/uses-node/package.json", """{ "name": "uses-node", "version": "1.0.0", "dependencies": { "process": "1.0.0", "buffer": "1.0.0" } }"""),
            ("node_modules/uses-node/index.js", "exports.env = process.env.NODE_ENV;\nexports.bytes = Buffer.from('hi').length;\n"),
            ("node_modules/process/package.json", """{ "name": "process", "version": "1.0.0", "main": "node.js", "browser": "browser.js" }"""),
            ("node_modules/process/node.js", "module.exports = 'the node entry must not be bundled';\n"),
            ("node_modules/process/browser.js", "var process = module.exports = { env: { NODE_ENV: 'polyfilled' } };\n"),
            ("node_modules/buffer/package.json", """{ "name": "buffer", "version": "1.0.0" }"""),
            ("node_modules/buffer/index.js", "function Buffer() {}\nBuffer.from = function (s) { return { length: s.length * 10 }; };\nexports.Buffer = Buffer;\n"));
        var output = TestPaths.NewWorkDir("node-globals-out");
        var build = BundlePipeline.Run(new BundleRequest(root, ["index.js"], Path.Combine(output, "app.js")) { AutoPolicy = true });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));

        using var policy = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "lavamoat", "browserify", "policy.json")));
        var usesNode = policy.RootElement.GetProperty("resources").GetProperty("uses-node");
        Assert.IsFalse(usesNode.TryGetProperty("globals", out _), "process/Buffer must not be globals: " + usesNode);
        Assert.AreEqual("""{"buffer":true,"process":true}""", JsonSerializer.Serialize(usesNode.GetProperty("packages")));

        var result = await VmHarness.RunAsync([new PageScript("app.js", await File.ReadAllTextAsync(Path.Combine(output, "app.js")))]);
        result.AssertNoErrors();
        Assert.AreEqual("polyfilled 20", result.Logs.Single().Line);
    }

    [TestMethod]
    public async Task NODE_ENV_picks_one_build_at_build_time_and_the_other_is_not_bundled_nor_in_the_policy()
    {
        const string dualIndex = "'use strict';\nif (process.env.NODE_ENV === 'production') {\n  module.exports = require('./cjs/dual.production.js');\n} else {\n  module.exports = require('./cjs/dual.development.js');\n}\nmodule.exports.after = 'after';\n";
        var root = TestPaths.NewProject(
            "node-env",
            ("package.json", """{ "name": "app", "version": "1.0.0", "dependencies": { "dual": "1.0.0", "process": "1.0.0" } }"""),
            ("index.js", "const dual = require('dual');\nconsole.log(dual.build + ' ' + dual.after + ' ' + process.env.NODE_ENV);\n"),
            ("node_modules/dual/package.json", """{ "name": "dual", "version": "1.0.0" }"""),
            ("node_modules/dual/index.js", dualIndex),
            ("node_modules/dual/cjs/dual.production.js", "exports.build = 'production build';\n"),
            ("node_modules/dual/cjs/dual.development.js", "exports.build = 'development build';\n"),
            ("node_modules/process/package.json", """{ "name": "process", "version": "1.0.0", "main": "browser.js" }"""),
            ("node_modules/process/browser.js", "module.exports = { env: {} };\n"));

        async Task<(string Log, string Policy, string Sources)> Build(string? nodeEnv)
        {
            var output = TestPaths.NewWorkDir("node-env-out");
            var policyPath = Path.Combine(output, "policy.json");
            var build = BundlePipeline.Run(new BundleRequest(root, ["index.js"], Path.Combine(output, "app.js")) { AutoPolicy = true, PolicyPath = policyPath, NodeEnv = nodeEnv });
            Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));
            var result = await VmHarness.RunAsync([new PageScript("app.js", await File.ReadAllTextAsync(Path.Combine(output, "app.js")))]);
            result.AssertNoErrors();
            using var map = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "app.js.map")));
            var sources = map.RootElement.GetProperty("sources").EnumerateArray().Select(e => e.GetString()).ToList();
            var content = map.RootElement.GetProperty("sourcesContent")[sources.IndexOf("node_modules/dual/index.js")].GetString();
            Assert.AreEqual(dualIndex, content, "sourcesContent is the file as written, not the rewrite");
            return (result.Logs.Single().Line, await File.ReadAllTextAsync(policyPath), string.Join(" ", sources));
        }

        var production = await Build("production");
        Assert.AreEqual("production build after production", production.Log);
        Assert.AreEqual("index.js node_modules/dual/cjs/dual.production.js node_modules/dual/index.js", production.Sources, "the development build is not bundled");
        Assert.DoesNotContain("process", production.Policy, "no read of process is left, so no polyfill edge: " + production.Policy);

        var development = await Build("development");
        Assert.AreEqual("development build after development", development.Log);
        Assert.AreEqual("index.js node_modules/dual/cjs/dual.development.js node_modules/dual/index.js", development.Sources);

        // Without a value the reads stay run-time reads of the polyfill (whose env has no NODE_ENV), both builds
        // are bundled and the polyfill is an edge of both packages.
        var runtime = await Build(null);
        Assert.AreEqual("development build after undefined", runtime.Log);
        Assert.AreEqual("index.js node_modules/dual/cjs/dual.development.js node_modules/dual/cjs/dual.production.js node_modules/dual/index.js node_modules/process/browser.js", runtime.Sources);
        using var policy = JsonDocument.Parse(runtime.Policy);
        Assert.AreEqual("""{"process":true}""", JsonSerializer.Serialize(policy.RootElement.GetProperty("resources").GetProperty("dual").GetProperty("packages")));
    }

    [TestMethod]
    public async Task Code_after_a_dropped_branch_maps_to_its_line_and_column_in_the_file()
    {
        var root = TestPaths.NewProject(
            "node-env-map",
            ("package.json", """{ "name": "app", "version": "1.0.0" }"""),
            ("index.js", "var x = process.env.NODE_ENV !== 'production' ? (function () {\n  return 'dev';\n})() : 'prod'; console.log('first ' + x);\nif (process.env.NODE_ENV !== 'production') {\n  console.log('dropped');\n}\n  console.log('second');\n"));
        var output = TestPaths.NewWorkDir("node-env-map-out");
        var build = BundlePipeline.Run(new BundleRequest(root, ["index.js"], Path.Combine(output, "app.js")) { AutoPolicy = true, PolicyPath = Path.Combine(output, "policy.json"), NodeEnv = "production" });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));
        var bundle = await File.ReadAllTextAsync(Path.Combine(output, "app.js"));
        Assert.DoesNotContain("'dropped'", bundle);

        var positions = (await OriginalPositionsAsync(output, "'first '", "'second'")).Select(r => (r.GetProperty("token").GetString(), r.GetProperty("original").GetProperty("line").GetInt32(), r.GetProperty("original").GetProperty("column").GetInt32())).ToArray();
        CollectionAssert.AreEqual(new[] { ("'first '", 3, 27), ("'second'", 7, 14) }, positions);
        var result = await VmHarness.RunAsync([new PageScript("app.js", bundle)]);
        result.AssertNoErrors();
        CollectionAssert.AreEqual(new[] { "first prod", "second" }, result.Logs.Select(l => l.Line).ToArray());
    }

    [TestMethod]
    public async Task Rewritten_ES_module_code_maps_back_to_its_original_positions()
    {
        var output = TestPaths.NewWorkDir("esm-map");
        var build = BundlePipeline.Run(new BundleRequest(EsmSemanticsTests.FixtureDir("live-bindings"), ["src/main.js"], Path.Combine(output, "app.js"))
        {
            AutoPolicy = true,
            PolicyPath = Path.Combine(output, "policy.json"),
        });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));

        // Tokens after rewritten imports on the same line, and on lines after removed import declarations.
        var results = await OriginalPositionsAsync(output, "'count1'", "'cycle'", "JSON.stringify(log)", "'short'");
        var original = (await File.ReadAllTextAsync(Path.Combine(EsmSemanticsTests.FixtureDir("live-bindings"), "src", "main.js"))).Split('\n');
        foreach (var result in results)
        {
            var token = result.GetProperty("token").GetString()!;
            var position = result.GetProperty("original");
            Assert.AreEqual("src/main.js", position.GetProperty("source").GetString(), token);
            var line = Array.FindIndex(original, l => l.Contains(token, StringComparison.Ordinal));
            Assert.AreEqual(line + 1, position.GetProperty("line").GetInt32(), token);
            Assert.AreEqual(original[line].IndexOf(token, StringComparison.Ordinal), position.GetProperty("column").GetInt32(), token);
        }
    }

    [TestMethod]
    public void Same_project_in_two_directories_gives_byte_identical_outputs()
    {
        var fixture = EsmSemanticsTests.FixtureDir("commonjs-interop");
        var outputs = new List<byte[][]>();
        foreach (var name in new[] { "copy-one", "second-copy-deeper/x" })
        {
            var root = Path.Combine(TestPaths.NewWorkDir("determinism"), name);
            CopyDirectory(fixture, root);
            var output = Path.Combine(root, "dist", "app.js");
            var build = BundlePipeline.Run(new BundleRequest(root, ["src/main.js"], output) { AutoPolicy = true });
            Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));
            outputs.Add([File.ReadAllBytes(output), File.ReadAllBytes(output + ".map"), File.ReadAllBytes(Path.Combine(root, "lavamoat", "browserify", "policy.json"))]);
        }

        for (var i = 0; i < outputs[0].Length; i++)
        {
            CollectionAssert.AreEqual(outputs[0][i], outputs[1][i], $"output {i} differs between directories");
        }

        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), Encoding.UTF8.GetString(outputs[0][0]) + Encoding.UTF8.GetString(outputs[0][1]));
    }

    [TestMethod]
    public async Task A_module_meant_to_split_HTML_comment_lookalikes_still_runs_as_written()
    {
        // `1<!--y` is `1 < !--y` in module code (V8 refuses it in modules, the spec does not); in the bundle, a
        // classic script, it would start a comment unless split.
        var root = TestPaths.NewProject(
            "html-split",
            ("package.json", AppPackage),
            ("src/main.js", "let y = 2;\nconst r = 1<!--y;\nconsole.log(JSON.stringify([r, y]));\n"));
        var result = await EsmSemanticsTests.BundleAndRunAsync(root, "src/main.js");
        result.AssertNoErrors();
        Assert.AreEqual("[false,1]", result.Logs.Single().Line);
    }

    [TestMethod]
    public async Task Hashbangs_and_modules_that_use_the_helper_names_themselves_still_work()
    {
        // A module that declares `$lmb`, `$lmb0` and `$lmb_d` must not capture the transform's own names, and a
        // hashbang (a comment only at the start of a file) must not end up mid-bundle.
        var root = TestPaths.NewProject(
            "names",
            ("package.json", AppPackage),
            ("src/main.js", "#!/usr/bin/env node\nimport { $lmb, $lmb0 } from './lib.js';\nimport def from './lib.js';\nconst $lmb_d = 'mine';\nconsole.log([$lmb, $lmb0, def, $lmb_d].join(' '));\n"),
            ("src/lib.js", "export const $lmb = 'one';\nexport const $lmb0 = 'two';\nexport default 'three';\n"),
            ("src/cli.cjs", "#!/usr/bin/env node\nmodule.exports = 1;\n"));
        var result = await EsmSemanticsTests.BundleAndRunAsync(root, "src/main.js");
        result.AssertNoErrors();
        Assert.AreEqual("one two three mine", result.Logs.Single().Line);

        var script = await EsmSemanticsTests.BundleAndRunAsync(root, "src/cli.cjs");
        script.AssertNoErrors();
    }

    /// <summary>Attack: code that tries to leave its wrapper by closing it. It cannot parse on its own, so it is a
    /// located error and nothing is written.</summary>
    [TestMethod]
    [DataRow("}}}}}, {}]); globalThis.escaped = true; ((function(){ {{{{{")]
    [DataRow("x = 1 /* */ }; globalThis.escaped = true; function y() {")]
    public void Code_that_would_close_its_wrapper_is_refused(string code)
    {
        var (build, output) = BuildOneScript("escape", code);
        var error = build.Diagnostics.First(d => d.IsError);
        Assert.AreEqual(("LMB1001", "index.js"), (error.Code, error.File));
        Assert.IsFalse(File.Exists(output));
    }

    /// <summary>Attack: a script that parses on its own but not as the body of its wrapper, because a top-level
    /// let, const or class takes a wrapper parameter's name (an early error only in a function body). The writer
    /// must not trust the graph stage's parse of it; it is refused and nothing is written.</summary>
    [TestMethod]
    [DataRow("let require = 1;\nexports.a = require;")]
    [DataRow("const module = { exports: {} };\nexports.a = 1;")]
    [DataRow("class exports {}\nconsole.log(exports);")]
    [DataRow("'use strict';\nvar a = 1;\nlet module = a;")]
    public void A_script_declaring_a_wrapper_parameter_lexically_is_refused(string code)
    {
        var (build, output) = BuildOneScript("lexical-parameter", code);
        var error = build.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual("LMB3010", error.Code, error.ToString());
        StringAssert.Contains(error.Message, "index.js");
        Assert.IsFalse(File.Exists(output));
    }

    /// <summary>Builds a project whose one module is <c>index.js</c> with <paramref name="code"/> (autopolicy).</summary>
    private static (BundleResult Build, string Output) BuildOneScript(string name, string code)
    {
        var root = TestPaths.NewProject(name, ("package.json", """{ "name": "app", "version": "1.0.0" }"""), ("index.js", code + "\n"));
        var output = Path.Combine(root, "out", "app.js");
        return (BundlePipeline.Run(new BundleRequest(root, ["index.js"], output) { AutoPolicy = true }), output);
    }

    /// <summary>The transform vouches for a script's code only when it is the text the graph stage parsed and can
    /// read as nothing else inside the wrapper; everything it edits, and every ES module, is parsed again by the
    /// writer.</summary>
    [TestMethod]
    public void Only_unedited_scripts_that_cannot_clash_with_the_wrapper_skip_the_writers_parse()
    {
        var root = TestPaths.NewProject(
            "parsed-as-body",
            ("package.json", """{ "name": "app", "version": "1.0.0", "dependencies": { "process": "1.0.0" } }"""),
            ("index.js", "require('./plain.js'); require('./shadows.js'); require('./lexical.js'); require('./hashbang.js');\nrequire('./html.js'); require('./lazy.js'); require('./env.js'); require('./esm.mjs');\n"),
            ("plain.js", "var a = [1, 2].map((x) => x * 2);\nexports.a = a;\n"),
            ("shadows.js", "var require = null;\nfunction module() {}\nexports.b = { let: 1 };\n{ let exports = 2; }\n"),
            ("lexical.js", "const module = 1;\n"),
            ("hashbang.js", "#!/usr/bin/env node\nexports.c = 3;\n"),
            ("html.js", "exports.d = 4;\n<!-- an HTML-like comment\n"),
            ("lazy.js", "exports.e = () => import('./plain.js');\n"),
            ("env.js", "exports.f = process.title;\n"),
            ("esm.mjs", "export const g = 5;\n"),
            ("node_modules/process/package.json", """{ "name": "process", "version": "1.0.0" }"""),
            ("node_modules/process/index.js", "exports.title = 'browser';\n"));
        var graph = ModuleGraphBuilder.Build(new GraphRequest(root, ["index.js"]) { Prepare = TransformStage.Prepare, KeepSyntax = false });
        var modules = TransformStage.Run(graph, m => m.Prepared).Modules.ToDictionary(m => m.File, m => m.ParsedAsWrapperBody);

        var vouched = modules.Where(m => m.Value).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "index.js", "node_modules/process/index.js", "plain.js", "shadows.js" }, vouched, string.Join(", ", vouched));
        Assert.HasCount(10, modules);
    }

    /// <summary>Outputs are written as UTF-8 in 1 MB pieces; a character split across two pieces (a surrogate
    /// pair at the boundary) and an empty output come out as one whole encoding would give them.</summary>
    [TestMethod]
    [DataRow(0, "")]
    [DataRow(1, "x")]
    [DataRow((1 << 20) - 1, "\U0001F600 after the boundary é")]
    [DataRow(3 << 20, "\u2028")]
    public void Outputs_are_exact_UTF8_whatever_their_size(int prefix, string tail)
    {
        var text = new string('a', prefix) + tail;
        var path = Path.Combine(TestPaths.NewWorkDir("write-utf8"), "out.js");
        BundlePipeline.WriteUtf8(path, text);
        CollectionAssert.AreEqual(new UTF8Encoding(false).GetBytes(text), File.ReadAllBytes(path));
    }

    /// <summary>Attack: a module that names its variable like the kernel helper (spelled with an escape, so a text
    /// search would miss it) must neither take over nor lose the helper: the transform picks another name.</summary>
    [TestMethod]
    public async Task A_module_cannot_take_the_helpers_name_by_spelling_it_with_an_escape()
    {
        var root = TestPaths.NewProject(
            "helper-name",
            ("package.json", """{ "name": "app", "version": "1.0.0" }"""),
            ("index.js", "var \\u0024lmb = 'script';\nimport('./esm.mjs').then((ns) => ns.run()).then((v) => console.log($lmb + ' ' + v));\n"),
            ("esm.mjs", "const \\u0024lmb = 'module';\nexport async function run() { const x = await import('./x.mjs'); return $lmb + ' ' + x.v; }\n"),
            ("x.mjs", "export const v = 1;\n"));
        var result = await EsmSemanticsTests.BundleAndRunAsync(root, "index.js");
        result.AssertNoErrors();
        Assert.AreEqual("script module 1", result.Logs.Single().Line);
    }

    /// <summary>Attack: wrapper-closing text hidden where a naive splitter would see it (strings, templates,
    /// comments, regular expressions, a comment at the end of the file) stays module text.</summary>
    [TestMethod]
    public async Task Wrapper_closing_text_inside_literals_and_comments_stays_inside_the_module()
    {
        var root = TestPaths.NewProject(
            "hidden",
            ("package.json", """{ "name": "app", "version": "1.0.0" }"""),
            ("index.js", "const s = \"}}}]); globalThis.escaped = 1; ([{{{\";\nconst t = `}}}]); ${'`'} */`;\nconst r = /}}}\\]\\);/;\n/* }}}]); */\nconsole.log(String(s.length + t.length) + ' ' + r.test('}}}]);') + ' ' + typeof globalThis.escaped);\n// }}}]); globalThis.escaped = 2;"));
        var result = await EsmSemanticsTests.BundleAndRunAsync(root, "index.js");
        result.AssertNoErrors();
        Assert.AreEqual("47 true undefined", result.Logs.Single().Line);
    }

    /// <summary>Where each token of <paramref name="output"/>/app.js maps to through app.js.map, read with the
    /// <c>source-map</c> package (js/map-tokens.cjs).</summary>
    private static async Task<JsonElement[]> OriginalPositionsAsync(string output, params string[] tokens)
    {
        var spec = Path.Combine(output, "spec.json");
        await File.WriteAllTextAsync(spec, JsonSerializer.Serialize(new { bundle = Path.Combine(output, "app.js"), map = Path.Combine(output, "app.js.map"), tokens }));
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", [Path.Combine(TestPaths.JsDir, "map-tokens.cjs"), spec], output);
        Assert.AreEqual(0, exit, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
