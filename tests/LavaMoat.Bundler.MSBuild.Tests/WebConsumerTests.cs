using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>
/// A fresh `dotnet new web` app that bundles the fixture npm app through the package: build, the no-op build,
/// rebuilds on input changes, diagnostics, publish, the published app serving the bundle, and clean. One long test,
/// because every step builds on the one before and each build costs seconds.
/// </summary>
[TestClass]
public sealed class WebConsumerTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Web_app_builds_incrementally_reports_located_errors_publishes_and_serves_the_bundle()
    {
        var dir = Path.Combine(PackageFeed.Root, "web");
        PackageFeed.NewConsumer("web", "WebConsumer", dir,
            """<LavaMoatBundle Include="src/app.js" OutputName="app.bundle.js" AutoPolicy="true" />""");
        PackageFeed.WriteNuGetConfig(dir);
        PackageFeed.AddTaskPackage(dir);
        StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "WebConsumer.csproj")), "<PrivateAssets>all</PrivateAssets>", "a development dependency");
        // The web template maps no static files; this app uses the classic middleware (the Razor Pages test uses MapStaticAssets).
        var program = Path.Combine(dir, "Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("app.MapGet(", "app.UseStaticFiles();\napp.MapGet(", StringComparison.Ordinal));

        // 1. First build: the bundle and its map under obj/…/lavamoat/, the generated policy in the project's lavamoat/.
        var first = Build(dir);
        StringAssert.Contains(first.Output, "LavaMoat: src/app.js -> obj/Debug/net10.0/lavamoat/app.bundle.js: 3 modules, 3 packages");
        var bundle = Path.Combine(dir, "obj", "Debug", "net10.0", "lavamoat", "app.bundle.js");
        Assert.IsTrue(File.Exists(bundle) && File.Exists(bundle + ".map"), "bundle and map under obj/Debug/net10.0/lavamoat/");
        var policy = Path.Combine(dir, "lavamoat", "browserify", "policy.json");
        StringAssert.Contains(File.ReadAllText(policy), "\"navigator.language\": true");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "lavamoat", "browserify", "policy-debug.json")));
        var strays = Directory.EnumerateFiles(dir, "*.bundle.js*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(dir, "obj") + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        Assert.AreEqual(0, strays.Count, "no bundle outside obj/ (wwwroot, sources, bin): " + string.Join(", ", strays));
        var bundleText = await File.ReadAllTextAsync(bundle, TestContext.CancellationToken);
        StringAssert.Contains(bundleText, "navigator.language", "the generated policy is in the bundle");
        StringAssert.Contains(bundleText, "dataset.mode = \"development\"", "Debug builds replace process.env.NODE_ENV with development");
        // dotnet run (Development) serves it straight from obj/ through the static web assets manifest, under UseStaticFiles.
        var dev = await Dotnet.ServeAndFetchAsync(dir, "Development", ["run", "--no-build", "--no-launch-profile"], ["app.bundle.js"], TestContext.CancellationToken);
        AssertServed(dev["app.bundle.js"], await File.ReadAllBytesAsync(bundle, TestContext.CancellationToken), "dotnet run");

        // 2. Nothing changed: the target is skipped.
        var noop = Build(dir);
        Assert.IsTrue(PackageFeed.Skipped(noop.Output, "LavaMoatBundles"), "second build skips LavaMoatBundles:\n" + noop.Output);
        Assert.AreEqual(0, PackageFeed.BundleRuns(noop.Output));

        // 3. A module deep in node_modules changes: rebuilt.
        File.SetLastWriteTimeUtc(Path.Combine(dir, "node_modules", "shout", "index.js"), DateTime.UtcNow);
        Assert.AreEqual(1, PackageFeed.BundleRuns(Build(dir).Output), "touching a bundled module rebuilds");

        // 4. A policy override that did not exist appears: rebuilt, and applied at bundle time.
        File.WriteAllText(Path.Combine(dir, "lavamoat", "browserify", "policy-override.json"),
            """{ "resources": { "shout": { "globals": { "location.href": true } } } }""");
        Assert.AreEqual(1, PackageFeed.BundleRuns(Build(dir).Output), "a new policy override rebuilds");
        StringAssert.Contains(await File.ReadAllTextAsync(bundle, TestContext.CancellationToken), "location.href");
        Assert.IsTrue(PackageFeed.Skipped(Build(dir).Output, "LavaMoatBundles"), "and then it is up to date again");

        // 5. Design-time builds (IDEs) never bundle, and keep the last bundle; dotnet watch sees the module closure.
        File.SetLastWriteTimeUtc(Path.Combine(dir, "src", "app.js"), DateTime.UtcNow);
        Assert.AreEqual(0, PackageFeed.BundleRuns(Build(dir, expectSuccess: true, "-p:DesignTimeBuild=true").Output), "no bundling in a design-time build");
        Assert.IsTrue(File.Exists(bundle), "a design-time build leaves the bundle alone");
        var watched = Dotnet.Run(dir, "watch", "--list").Succeeded("dotnet watch --list").Output.Split('\n', StringSplitOptions.TrimEntries);
        foreach (var input in new[] { "src/app.js", "node_modules/greet/index.js", "node_modules/shout/index.js", "lavamoat/browserify/policy-override.json" })
        {
            CollectionAssert.Contains(watched, Path.Combine(dir, input), "dotnet watch watches " + input);
        }

        // 6. Publish: wwwroot gets the bundle with compressed copies; the endpoints carry integrity and a fingerprint.
        var pub = Path.Combine(PackageFeed.Root, "web-publish");
        Dotnet.Run(dir, "publish", "-o", pub, "--disable-build-servers", "-nodeReuse:false").Succeeded("dotnet publish");
        var published = await File.ReadAllBytesAsync(Path.Combine(pub, "wwwroot", "app.bundle.js"), TestContext.CancellationToken);
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(Path.Combine(dir, "obj", "Release", "net10.0", "lavamoat", "app.bundle.js"), TestContext.CancellationToken), published);
        StringAssert.Contains(Encoding.UTF8.GetString(published), "dataset.mode = \"production\"", "Release builds replace process.env.NODE_ENV with production");
        foreach (var copy in new[] { "app.bundle.js.gz", "app.bundle.js.br", "app.bundle.js.map" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(pub, "wwwroot", copy)), copy + " published");
        }

        Assert.IsFalse(File.Exists(Path.Combine(pub, "package.json")) || Directory.Exists(Path.Combine(pub, "lavamoat")),
            "the npm manifest and the policies are build inputs, not published app files");
        var integrity = "sha256-" + Convert.ToBase64String(SHA256.HashData(published));
        var (plainIntegrity, fingerprinted) = Endpoints(Path.Combine(pub, "WebConsumer.staticwebassets.endpoints.json"), "app.bundle.js");
        Assert.AreEqual(integrity, plainIntegrity);
        Assert.IsNotNull(fingerprinted, "a fingerprinted route app.bundle.<hash>.js");

        // 7. The published app serves exactly those bytes as JavaScript.
        var served = await Dotnet.ServeAndFetchAsync(pub, "Production", ["WebConsumer.dll"], ["app.bundle.js", "app.bundle.js.map"], TestContext.CancellationToken);
        AssertServed(served["app.bundle.js"], published, "published app");
        Assert.AreEqual(HttpStatusCode.OK, served["app.bundle.js.map"].Status, "the source map is served beside the bundle");

        // 8. Diagnostics: a missing module is a located LMB2001 error with the full path, and the build fails.
        var app_js = Path.Combine(dir, "src", "app.js");
        File.WriteAllText(app_js, "import { greet } from 'greet';\nimport missing from './missing.js';\ndocument.title = greet(missing);\n");
        var broken = Build(dir, expectSuccess: false);
        Assert.AreNotEqual(0, broken.ExitCode);
        StringAssert.Matches(broken.Output, new Regex(Regex.Escape(app_js) + @"\(2,\d+\): error LMB2001: "));
        // The fix is a file the failed build never read: the next build must still try again.
        File.WriteAllText(Path.Combine(dir, "src", "missing.js"), "export default 'found';\n");
        Assert.AreEqual(1, PackageFeed.BundleRuns(Build(dir).Output), "the build after a failure retries and succeeds");

        // 9. Warnings carry codes that NoWarn and WarningsAsErrors act on.
        File.WriteAllText(app_js, "import { greet } from 'greet';\nArray.prototype.shout = greet;\n");
        var warned = Build(dir);
        StringAssert.Matches(warned.Output, new Regex(Regex.Escape(app_js) + @"\(2,1\): warning LMB5101: "));
        File.SetLastWriteTimeUtc(app_js, DateTime.UtcNow);
        Assert.IsFalse(Build(dir, expectSuccess: true, "-p:NoWarn=LMB5101").Output.Contains("LMB5101", StringComparison.Ordinal), "NoWarn silences LMB5101");
        File.SetLastWriteTimeUtc(app_js, DateTime.UtcNow);
        var promoted = Build(dir, expectSuccess: false, "-p:WarningsAsErrors=LMB5101");
        StringAssert.Matches(promoted.Output, new Regex(@"\(2,1\): error LMB5101: "));

        // 10. A missing entry is a task input error naming the file.
        var projectFile = Path.Combine(dir, "WebConsumer.csproj");
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace("src/app.js", "src/nope.js", StringComparison.Ordinal));
        var noEntry = Build(dir, expectSuccess: false);
        StringAssert.Matches(noEntry.Output, new Regex(Regex.Escape(Path.Combine(dir, "src", "nope.js")) + @" ?: error LMB0101: the LavaMoatBundle entry 'src/nope\.js' does not exist"));

        // 11. dotnet clean removes what the builds wrote under obj/, never the policies.
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace("src/nope.js", "src/app.js", StringComparison.Ordinal));
        Dotnet.Run(dir, "clean", "--disable-build-servers", "-nodeReuse:false").Succeeded("dotnet clean");
        Assert.IsFalse(File.Exists(bundle), "clean removes the bundle");
        Assert.IsFalse(File.Exists(bundle + ".map"), "clean removes the map");
        Assert.IsFalse(File.Exists(Path.Combine(dir, "obj", "Debug", "net10.0", "lavamoat.inputs")), "clean removes the dependency file");
        Assert.IsTrue(File.Exists(policy), "the policy is a source file");

        TestContext.WriteLine($"first build {first.Elapsed.TotalSeconds:0.0} s, no-op build {noop.Elapsed.TotalSeconds:0.0} s");
    }

    internal static void AssertServed(Dotnet.Fetched response, byte[] expected, string what)
    {
        Assert.AreEqual(HttpStatusCode.OK, response.Status, what);
        Assert.AreEqual("text/javascript", response.ContentType, what);
        CollectionAssert.AreEqual(expected, response.Body, what + ": the bytes of the built bundle");
    }

    private static Dotnet.Result Build(string dir, bool expectSuccess = true, params string[] extra)
    {
        var result = Dotnet.Run(dir, ["build", "-v:n", "--disable-build-servers", "-nodeReuse:false", .. extra]);
        if (expectSuccess)
        {
            result.Succeeded("dotnet build " + string.Join(' ', extra));
        }
        else
        {
            Assert.AreNotEqual(0, result.ExitCode, "the build should fail:\n" + result.Output);
        }

        return result;
    }

    /// <summary>The integrity of the plain route and the fingerprinted route (if any) of an asset in an endpoints manifest.</summary>
    internal static (string? Integrity, string? FingerprintedRoute) Endpoints(string manifest, string route)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        string? integrity = null;
        string? fingerprinted = null;
        var stem = route[..route.LastIndexOf('.')];
        foreach (var endpoint in json.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            var r = endpoint.GetProperty("Route").GetString()!;
            var properties = endpoint.GetProperty("EndpointProperties").EnumerateArray()
                .ToDictionary(p => p.GetProperty("Name").GetString()!, p => p.GetProperty("Value").GetString()!);
            if (r == route && properties.TryGetValue("integrity", out var value))
            {
                integrity = value;
            }

            if (properties.ContainsKey("fingerprint") && r.StartsWith(stem + ".", StringComparison.Ordinal) && r.EndsWith(".js", StringComparison.Ordinal) && r != route)
            {
                fingerprinted = r;
            }
        }

        return (integrity, fingerprinted);
    }
}
