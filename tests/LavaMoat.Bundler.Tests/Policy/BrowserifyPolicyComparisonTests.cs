using System.Collections.Immutable;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Syntax.Scoping;
using LavaMoat.Bundler.Tests.Infrastructure;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Policy;

/// <summary>
/// Our generated policy for a CommonJS-only app (<c>tests/fixtures/apps/cjs-app</c>, eight real npm packages pinned
/// in its lock file, nested names such as <c>end-of-stream&gt;once&gt;wrappy</c>) compared with the one the real
/// lavamoat-browserify (pinned in <c>Oracles/lavamoat-browserify/package-lock.json</c>) generates for the same
/// install: the same resource names, the same <c>packages</c> edges, and the same globals except the differences
/// listed in <see cref="ExpectedGlobalDifferences"/>, each with its reason. Both tools run on one temp copy of the
/// app installed with <c>npm ci</c>.
/// </summary>
/// <remarks>
/// The oracle runs browserify with <c>detectGlobals: false</c>. With it on, browserify would wrap modules that mention
/// <c>process</c>, <c>Buffer</c> or <c>global</c> and inject its own polyfill packages for them; those live in
/// browserify's node_modules (outside the app), so LavaMoat would name them as <c>external:…</c> or
/// <c>browserify&gt;…</c> packages our bundler never has, and the packages using them would list edges to them
/// instead of the global <c>process</c>. Off, both tools see the same source, and <c>process</c> stays a global read
/// in both (our resolver maps Node builtins to packages the app installs itself; this app requires none).
/// </remarks>
[TestClass]
public sealed class BrowserifyPolicyComparisonTests
{
    // Globals only one side has, with the reason; OnlyOurs says which side. Empty for this app: with the pinned
    // versions both tools give exactly the same globals, so the policy files are byte-identical. The kinds of
    // difference that can occur (each documented and oracle-tested in GlobalUsageAnalyzer/GlobalUsageOracleTests),
    // to list here with the package and path should an app show one:
    //  - only ours: a string-literal computed member (`window['fetch']`, `self['x'].y`), a free identifier used as a
    //    computed key or rest target — reads LavaMoat misses, so its policy lacks them;
    //  - only ours: `SharedArrayBuffer`/`Atomics`, which lavamoat-tofu ignores but a SES compartment does not have;
    //  - only lavamoat-browserify: `TextEncoder`, `TextDecoder`, `AggregateError`, `harden`, … which a SES
    //    compartment already provides (lavamoat-tofu's intrinsic list is older).
    private static readonly (string Package, string Path, bool OnlyOurs, string Reason)[] ExpectedGlobalDifferences =
    [
    ];

    private static readonly Lazy<string> OracleDir = new(() => NpmOracle.Install("lavamoat-browserify", "lavamoat-browserify"));

    private static readonly Lazy<string> AppDir = new(() =>
        NpmOracle.InstallApp(Path.Combine(ExternalTool.TestProjectDir, "..", "fixtures", "apps", "cjs-app"), "debug"));

    [TestMethod]
    public void Generated_policy_matches_lavamoat_browserify_for_a_commonjs_app()
    {
        var ours = Generate(AppDir.Value, "index.js").Policy;
        var theirText = RunOracle(AppDir.Value, "index.js");
        var theirs = Load(theirText);
        // The app exercises what the comparison is about: nested names, edges, reads, a write, a UMD `define`.
        Assert.IsTrue(theirs.Resources.ContainsKey("end-of-stream>once"), "nested package names");
        Assert.IsTrue(theirs.For("end-of-stream>once").Packages.ContainsKey("end-of-stream>once>wrappy"), "nested edge");
        Assert.AreEqual(GlobalAccess.Write, theirs.For("classnames").Globals["classNames"], "a global write");
        Assert.AreEqual(GlobalAccess.Read, theirs.For("debug").Globals["localStorage"], "a browser global");
        Assert.IsFalse(theirs.Resources.ContainsKey(LavaMoatPolicy.RootPackageName));

        var report = $"ours:\n{PolicyFileWriter.Serialize(ours)}\n\nlavamoat-browserify:\n{PolicyFileWriter.Serialize(theirs)}";

        CollectionAssert.AreEqual(
            theirs.Resources.Keys.Order(StringComparer.Ordinal).ToList(),
            ours.Resources.Keys.Order(StringComparer.Ordinal).ToList(),
            "resource names\n" + report);

        foreach (var (name, theirPackage) in theirs.Resources)
        {
            var ourPackage = ours.Resources[name];
            CollectionAssert.AreEqual(
                theirPackage.Packages.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
                ourPackage.Packages.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
                $"packages of {name}\n{report}");
            Assert.AreEqual(0, theirPackage.Builtin.Count, name);
            Assert.AreEqual(0, ourPackage.Builtin.Count, name);
        }

        var differences = new List<string>();
        foreach (var name in theirs.Resources.Keys.Order(StringComparer.Ordinal))
        {
            var mine = ours.Resources[name].Globals;
            var other = theirs.Resources[name].Globals;
            foreach (var path in mine.Keys.Union(other.Keys).Order(StringComparer.Ordinal))
            {
                var inMine = mine.TryGetValue(path, out var myAccess);
                var inOther = other.TryGetValue(path, out var otherAccess);
                if (inMine && inOther && myAccess == otherAccess)
                {
                    continue;
                }

                var expected = ExpectedGlobalDifferences.Any(d =>
                    d.Package == name && d.Path == path && d.OnlyOurs == inMine && inMine != inOther);
                if (!expected)
                {
                    differences.Add($"{name}: {path}: ours {(inMine ? myAccess.ToString() : "absent")}, lavamoat-browserify {(inOther ? otherAccess.ToString() : "absent")}");
                }
            }
        }

        Assert.AreEqual(0, differences.Count, string.Join("\n", differences) + "\n" + report);

        // With no listed difference in play, the files are byte-identical (regenerating causes no diff churn).
        if (ExpectedGlobalDifferences.Length == 0)
        {
            Assert.AreEqual(theirText, PolicyFileWriter.Serialize(ours));
        }

        // Every listed difference must still occur, or the list would hide a regression in either direction.
        foreach (var (package, path, onlyOurs, reason) in ExpectedGlobalDifferences)
        {
            Assert.AreEqual(onlyOurs, ours.Resources[package].Globals.ContainsKey(path), $"{package} {path}: {reason}");
            Assert.AreEqual(!onlyOurs, theirs.Resources[package].Globals.ContainsKey(path), $"{package} {path}: {reason}");
        }
    }

    [TestMethod]
    public void Debug_file_for_the_app_is_deterministic_and_names_no_absolute_path()
    {
        var first = PolicyDebugFile.Serialize(Generate(AppDir.Value, "index.js"));
        var second = PolicyDebugFile.Serialize(Generate(AppDir.Value, "index.js"));
        Assert.AreEqual(first, second);
        Assert.IsFalse(first.Contains(AppDir.Value, StringComparison.Ordinal), "no absolute paths");
        Assert.IsFalse(first.Contains(Path.GetTempPath(), StringComparison.Ordinal), "no absolute paths");

        var generated = Generate(AppDir.Value, "index.js");
        var edge = generated.Evidence.Packages.Single(p => p.Package == "debug" && p.Dependency == "debug>ms");
        Assert.AreEqual("node_modules/debug/src/common.js", edge.Sites.Single().File);
        Assert.AreEqual("ms", edge.Sites.Single().Use);
        var write = generated.Evidence.Globals.Single(g => g.Package == "classnames" && g.Path == "classNames");
        Assert.AreEqual(GlobalAccess.Write, write.Access);
        Assert.IsTrue(write.Sites.Any(s => s.File == "node_modules/classnames/index.js" && s.Use == "classNames (write)"), string.Join("\n", write.Sites));
    }

    [TestMethod]
    public void Ses_compat_findings_on_the_app_match_lavamoat_tofu()
    {
        var graph = ModuleGraphBuilder.Build(new GraphRequest(AppDir.Value, ["index.js"]));
        var modules = graph.Modules.Where(m => m.Program is not null).ToList();
        Assert.IsTrue(modules.Count >= 12, "every package's modules are checked");
        var files = modules.Select(m => Path.Combine(AppDir.Value, m.Path)).ToList();
        var (code, output, error) = ExternalTool.Run("node", [Path.Combine(OracleDir.Value, "ses-compat-oracle.js"), .. files], OracleDir.Value);
        Assert.AreEqual(0, code, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        for (var i = 0; i < modules.Count; i++)
        {
            var theirs = json.RootElement.GetProperty(files[i]).EnumerateArray()
                .Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()} {e.GetProperty("path").GetString()}");
            var program = modules[i].Program!;
            var findings = SesCompatAnalyzer.Analyze(program, ScopeAnalyzer.Analyze(program));
            var expected = ExpectedSesCompatDifferences.Where(d => d.File == modules[i].Path).ToList();
            var ours = findings
                .Where(f => !expected.Any(d => d.Line == f.Line && d.Target == f.Target))
                .Select(f => $"{f.Line}:{f.Column} {f.Target}");
            CollectionAssert.AreEqual(theirs.ToList(), ours.ToList(), modules[i].Path);
            foreach (var (file, line, target, reason) in expected)
            {
                Assert.IsTrue(findings.Any(f => f.Line == line && f.Target == target), $"{file}:{line} {target}: {reason}");
            }
        }
    }

    // Primordial mutations only we find in the app's packages, with why lavamoat-tofu does not.
    private static readonly (string File, int Line, string Target, string Reason)[] ExpectedSesCompatDifferences =
    [
        ("node_modules/once/once.js", 6, "Function.prototype",
            "once.proto() calls Object.defineProperty(Function.prototype, …), which throws after lockdown; lavamoat-tofu only looks at assignments"),
        ("node_modules/once/once.js", 13, "Function.prototype", "the same, for onceStrict"),
    ];

    /// <summary>Our side: the graph, per-module analysis and the generator, as the pipeline runs them.</summary>
    internal static GeneratedPolicy Generate(string root, string entry)
    {
        var graph = ModuleGraphBuilder.Build(new GraphRequest(root, [entry]));
        Assert.IsFalse(graph.HasErrors, string.Join("\n", graph.Diagnostics));
        var modules = new List<PolicyModule>();
        foreach (var module in graph.Modules)
        {
            if (module.Package is null || module.IsEmpty)
            {
                continue;
            }

            var globals = module.Program is { } program
                ? GlobalUsageAnalyzer.Analyze(program, ScopeAnalyzer.Analyze(program))
                : GlobalUsage.Empty;
            var imports = module.Dependencies
                .Select(d => new PolicyImport(graph.Modules[d.Target].Package, d.Specifier, d.Line, d.Column))
                .ToImmutableArray();
            modules.Add(new PolicyModule(module.Package, module.Path, globals, imports));
        }

        return PolicyGenerator.Generate(modules);
    }

    private static string RunOracle(string root, string entry)
    {
        var (code, output, error) = ExternalTool.Run("node", [Path.Combine(OracleDir.Value, "policy-oracle.js"), root, entry], OracleDir.Value);
        Assert.AreEqual(0, code, error);
        return output;
    }

    private static LavaMoatPolicy Load(string text)
    {
        var loaded = PolicyDocument.Parse(text, "lavamoat-browserify policy.json");
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return loaded.Document!.ToPolicy();
    }
}
