using System.Text.Json;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Apps;

/// <summary>
/// The real-world app (tests/apps/realworld: react + react-dom, lodash and lodash-es, date-fns, rxjs, zod, immer,
/// uuid, marked, axios, the buffer/events/process polyfills and more, CommonJS and ESM) built with autopolicy in
/// one build, then run in Node's vm harness and in Chromium under <c>script-src 'self'</c>; every package does a
/// checkable computation and the app reports each check.
/// </summary>
[TestClass]
public sealed class RealWorldAppTests
{
    // Built on first use rather than in [ClassInitialize], so a failing build is reported by each test with its
    // diagnostics instead of as a class initialisation error.
    private static readonly string s_workDir = TestPaths.NewWorkDir("realworld");
    private static readonly Lazy<RealWorldBuild> s_build = new(() => RealWorldApp.CopyAndBuild(s_workDir));

    public TestContext TestContext { get; set; } = null!;

    [ClassCleanup]
    public static void RemoveCopies()
    {
        if (Directory.Exists(s_workDir) && Environment.GetEnvironmentVariable("LAVAMOAT_TEST_KEEP") != "1")
        {
            Directory.Delete(s_workDir, recursive: true);
        }
    }

    private RealWorldBuild SucceededBuild()
    {
        var build = s_build.Value;
        TestContext.WriteLine(build.Describe());
        Assert.IsTrue(build.Result.Success, "build failed:" + Environment.NewLine + string.Join(Environment.NewLine, build.Result.Diagnostics));
        return build;
    }

    [TestMethod]
    public void Autopolicy_build_writes_bundle_map_and_policy_for_several_hundred_modules()
    {
        var build = SucceededBuild();
        CollectionAssert.IsSubsetOf(
            new[] { build.BundlePath, build.MapPath, build.PolicyPath },
            build.Result.WrittenFiles.ToArray(),
            string.Join(", ", build.Result.WrittenFiles));
        foreach (var file in new[] { build.BundlePath, build.MapPath, build.PolicyPath })
        {
            Assert.IsTrue(File.Exists(file), file);
        }
        // The graph holds ~2 000 modules from 60+ packages (lodash-es, date-fns, ramda, rxjs and validator are
        // one file per function); the numbers only guard against a build that silently dropped most of it.
        Assert.IsGreaterThan(500, build.Result.Stats.Modules, build.Describe());
        Assert.IsGreaterThan(40, build.Result.Stats.Packages, build.Describe());
        Assert.AreEqual(new FileInfo(build.BundlePath).Length, build.Result.Stats.BundleBytes);
    }

    [TestMethod]
    public void Generated_policy_names_packages_canonically_and_grants_what_they_use()
    {
        var build = SucceededBuild();
        using var doc = JsonDocument.Parse(File.ReadAllText(build.PolicyPath));
        var resources = doc.RootElement.GetProperty("resources");
        var names = resources.EnumerateObject().Select(p => p.Name).ToList();
        TestContext.WriteLine(string.Join(", ", names));

        void AssertPackages(string package, params string[] children)
        {
            Assert.IsTrue(resources.TryGetProperty(package, out var resource), $"no policy for {package}");
            var granted = resource.TryGetProperty("packages", out var packages)
                ? packages.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name).ToList()
                : [];
            CollectionAssert.IsSubsetOf(children, granted, $"{package} packages: {string.Join(", ", granted)}");
        }

        IReadOnlyList<string> Globals(string package) =>
            resources.GetProperty(package).TryGetProperty("globals", out var globals)
                ? globals.EnumerateObject().Select(p => p.Name).ToList()
                : [];

        // Dependencies nobody at the root declares are named through the package that does (@lavamoat/aa).
        AssertPackages("react-dom", "react", "react-dom>scheduler");
        // A free `process` becomes the installed polyfill package, as browserify's insert-module-globals did.
        AssertPackages("react", "process");
        AssertPackages("@reduxjs/toolkit", "immer", "@reduxjs/toolkit>redux", "@reduxjs/toolkit>reselect", "@reduxjs/toolkit>redux-thunk");
        AssertPackages("buffer", "buffer>base64-js", "buffer>ieee754");
        AssertPackages("query-string", "query-string>decode-uri-component", "query-string>filter-obj", "query-string>split-on-first");
        AssertPackages("rxjs", "rxjs>tslib");
        AssertPackages("qs", "qs>side-channel");
        // Polyfills the app reaches through Node builtin names ('buffer', 'events', 'process', 'path').
        foreach (var polyfill in new[] { "buffer", "events", "process", "path-browserify" })
        {
            CollectionAssert.Contains(names, polyfill);
        }
        // axios's browser field replaces its Node adapter, so its Node-only dependencies are not in the bundle.
        foreach (var nodeOnly in new[] { "axios>follow-redirects", "axios>form-data", "axios>proxy-from-env" })
        {
            CollectionAssert.DoesNotContain(names, nodeOnly);
        }
        Assert.IsFalse(resources.TryGetProperty("$root$", out _), "the root package needs no policy entry");

        // Globals each package's code touches.
        CollectionAssert.Contains(Globals("react-dom>scheduler").ToList(), "setTimeout");
        CollectionAssert.Contains(Globals("axios").ToList(), "XMLHttpRequest");
        Assert.IsTrue(Globals("uuid").Any(g => g.StartsWith("crypto", StringComparison.Ordinal)), string.Join(", ", Globals("uuid")));
    }

    [TestMethod]
    public async Task Bundle_runs_in_node_with_every_check_passing()
    {
        var build = SucceededBuild();
        var report = await AppRunners.RunInNodeAsync(build.BundlePath, TestContext);
        report.AssertAllPassed(RealWorldApp.CommonChecks);
    }

    [TestMethod]
    public async Task Bundle_runs_in_chromium_under_strict_CSP_with_every_check_passing()
    {
        var build = SucceededBuild();
        var run = await AppRunners.RunInChromiumAsync(build.BundlePath, TestContext);
        Assert.IsEmpty(run.PageErrors, string.Join(" | ", run.PageErrors));
        run.Report.AssertAllPassed(RealWorldApp.CommonChecks.Concat(RealWorldApp.DomChecks));
        Assert.AreEqual("PASS", run.Title);
        Assert.AreEqual("Planbundleconfineship2/3 done", run.RenderedText, "what react-dom/client rendered into #app");
        // SES's lockdown probes whether eval works; those reports come from the embedded shim's lines at the top of
        // the bundle. Anything else is a package or our code trying to evaluate strings, which must not happen.
        var sesLines = EmbeddedAssets.Instance.Ses.Count(c => c == '\n') + 1;
        var ours = run.Violations.Where(v => !(v.GetProperty("blocked").GetString() == "eval"
            && (v.GetProperty("file").GetString() ?? "").EndsWith("/app.js", StringComparison.Ordinal)
            && v.GetProperty("line").GetInt32() <= sesLines)).ToList();
        Assert.IsEmpty(ours, "CSP violations: " + JsonSerializer.Serialize(ours));
    }

    [TestMethod]
    public void Two_builds_in_two_directories_are_byte_identical()
    {
        var first = SucceededBuild();
        var workDir = TestPaths.NewWorkDir("realworld-determinism");
        try
        {
            // Another folder at another depth: nothing of the absolute location may leak into the output.
            var second = RealWorldApp.CopyAndBuild(workDir, Path.Combine("two", "deeper", "app"));
            TestContext.WriteLine(second.Describe());
            Assert.IsTrue(second.Result.Success, string.Join(Environment.NewLine, second.Result.Diagnostics));
            // Bundle, map, policy.json (and policy-debug.json): the same files, byte for byte.
            var firstFiles = RelativeWrittenFiles(first);
            CollectionAssert.IsSubsetOf(new[] { "dist/app.js", "dist/app.js.map", "lavamoat/browserify/policy.json" }, firstFiles.ToArray());
            CollectionAssert.AreEqual(firstFiles, RelativeWrittenFiles(second), "the builds wrote different files");
            foreach (var relative in firstFiles)
            {
                var a = File.ReadAllBytes(Path.Combine(first.ProjectRoot, relative));
                var b = File.ReadAllBytes(Path.Combine(second.ProjectRoot, relative));
                Assert.IsTrue(a.AsSpan().SequenceEqual(b), $"{relative} differs ({a.Length} vs {b.Length} bytes) from byte {FirstDifference(a, b)}");
            }
            foreach (var path in new[] { first.BundlePath, first.MapPath, first.PolicyPath })
            {
                var text = File.ReadAllText(path);
                Assert.DoesNotContain(first.ProjectRoot, text, $"{path} names the folder it was built in");
                Assert.DoesNotContain(RealWorldApp.SourceDir, text, $"{path} names the repository");
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("LAVAMOAT_TEST_KEEP") != "1")
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    private static List<string> RelativeWrittenFiles(RealWorldBuild build) =>
        build.Result.WrittenFiles.Select(f => Path.GetRelativePath(build.ProjectRoot, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return n;
    }
}
