using System.IO.Compression;
using System.Security.Cryptography;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>
/// A Razor Class Library that bundles the fixture app, consumed by a fresh `dotnet new webapp` (Razor Pages, which
/// maps static assets with MapStaticAssets) that has a bundle of its own: `dotnet run` serves both, the library's
/// under _content/&lt;Lib&gt;/, and the library's package carries its bundle.
/// </summary>
[TestClass]
public sealed class RazorConsumerTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Razor_pages_app_and_class_library_serve_their_bundles_and_the_library_packs_its_bundle()
    {
        var root = Path.Combine(PackageFeed.Root, "razor");
        Directory.CreateDirectory(root);
        PackageFeed.WriteNuGetConfig(root);
        var libDir = Path.Combine(root, "LmLib");
        var libProject = PackageFeed.NewConsumer("razorclasslib", "LmLib", libDir,
            """<LavaMoatBundle Include="src/app.js" OutputName="lib.bundle.js" AutoPolicy="true" />""");
        // The template's Components.Web package is not on this machine's feed; the shared framework has it.
        var lib = File.ReadAllText(libProject);
        var componentsReference = System.Text.RegularExpressions.Regex.Replace(lib,
            @"<PackageReference Include=""Microsoft\.AspNetCore\.Components\.Web""[^>]*/>", """<FrameworkReference Include="Microsoft.AspNetCore.App" />""");
        File.WriteAllText(libProject, componentsReference);
        PackageFeed.AddTaskPackage(libDir);

        var appDir = Path.Combine(root, "LmPages");
        var appProject = PackageFeed.NewConsumer("webapp", "LmPages", appDir,
            """<LavaMoatBundle Include="src/app.js" OutputName="js/site.bundle.js" AutoPolicy="true" SourceMap="none" />""");
        File.WriteAllText(appProject, File.ReadAllText(appProject).Replace("</Project>",
            """
              <ItemGroup>
                <ProjectReference Include="../LmLib/LmLib.csproj" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        PackageFeed.AddTaskPackage(appDir);

        Dotnet.Run(appDir, "build", "--disable-build-servers", "-nodeReuse:false").Succeeded("dotnet build of the Razor Pages app");
        var siteBundle = Path.Combine(appDir, "obj", "Debug", "net10.0", "lavamoat", "js", "site.bundle.js");
        var libBundle = Path.Combine(libDir, "obj", "Debug", "net10.0", "lavamoat", "lib.bundle.js");
        Assert.IsTrue(File.Exists(siteBundle) && File.Exists(libBundle), "both bundles built");
        Assert.IsFalse(File.Exists(siteBundle + ".map"), "SourceMap=none writes no map");
        Assert.IsTrue(File.Exists(Path.Combine(libDir, "lavamoat", "browserify", "policy.json")), "the library's policy is beside its package.json");

        var (_, fingerprinted) = WebConsumerTests.Endpoints(Path.Combine(appDir, "bin", "Debug", "net10.0", "LmPages.staticwebassets.endpoints.json"), "js/site.bundle.js");
        Assert.IsNotNull(fingerprinted);

        // dotnet run in Development (static web assets come from obj/ through the build manifests), under MapStaticAssets.
        var site = await File.ReadAllBytesAsync(siteBundle, TestContext.CancellationToken);
        var libBytes = await File.ReadAllBytesAsync(libBundle, TestContext.CancellationToken);
        var dev = await Dotnet.ServeAndFetchAsync(appDir, "Development", ["run", "--no-build", "--no-launch-profile"],
            ["js/site.bundle.js", fingerprinted!, "_content/LmLib/lib.bundle.js"], TestContext.CancellationToken);
        WebConsumerTests.AssertServed(dev["js/site.bundle.js"], site, "dotnet run, js/site.bundle.js");
        WebConsumerTests.AssertServed(dev[fingerprinted!], site, "dotnet run, " + fingerprinted);
        WebConsumerTests.AssertServed(dev["_content/LmLib/lib.bundle.js"], libBytes, "dotnet run, the library's bundle");

        // Publish: both bundles in wwwroot with compressed copies; the published app (Production, MapStaticAssets)
        // serves the fingerprinted route and brotli, with the integrity the manifest promises.
        var pub = Path.Combine(root, "publish");
        Dotnet.Run(appDir, "publish", "-o", pub, "--disable-build-servers", "-nodeReuse:false").Succeeded("dotnet publish of the Razor Pages app");
        foreach (var file in new[] { "js/site.bundle.js", "js/site.bundle.js.br", "js/site.bundle.js.gz", "_content/LmLib/lib.bundle.js", "_content/LmLib/lib.bundle.js.br", "_content/LmLib/lib.bundle.js.map" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(pub, "wwwroot", file)), file + " published");
        }

        var publishedSite = await File.ReadAllBytesAsync(Path.Combine(pub, "wwwroot", "js", "site.bundle.js"), TestContext.CancellationToken);
        var publishedLib = await File.ReadAllBytesAsync(Path.Combine(pub, "wwwroot", "_content", "LmLib", "lib.bundle.js"), TestContext.CancellationToken);
        var (integrity, publishedFingerprinted) = WebConsumerTests.Endpoints(Path.Combine(pub, "LmPages.staticwebassets.endpoints.json"), "js/site.bundle.js");
        Assert.AreEqual("sha256-" + Convert.ToBase64String(SHA256.HashData(publishedSite)), integrity);
        var prod = await Dotnet.ServeAndFetchAsync(pub, "Production", ["LmPages.dll"],
            [publishedFingerprinted!, "br:js/site.bundle.js", "_content/LmLib/lib.bundle.js"], TestContext.CancellationToken);
        WebConsumerTests.AssertServed(prod[publishedFingerprinted!], publishedSite, "published " + publishedFingerprinted);
        WebConsumerTests.AssertServed(prod["_content/LmLib/lib.bundle.js"], publishedLib, "published library bundle");
        Assert.AreEqual("br", prod["br:js/site.bundle.js"].ContentEncoding, "the build-time brotli copy is served");

        // The library's package carries the protected bundle; LavaMoat itself stays a build-time-only dependency.
        var libFeed = Path.Combine(root, "lib-feed");
        Dotnet.Run(libDir, "pack", "-o", libFeed, "--disable-build-servers", "-nodeReuse:false", "-p:Version=1.0.0").Succeeded("dotnet pack of the class library");
        using var package = ZipFile.OpenRead(Path.Combine(libFeed, "LmLib.1.0.0.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        CollectionAssert.Contains(entries, "staticwebassets/lib.bundle.js", string.Join(", ", entries));
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var nuspecText = await nuspec.ReadToEndAsync(TestContext.CancellationToken);
        Assert.IsFalse(nuspecText.Contains(PackageFeed.TaskPackageId, StringComparison.Ordinal), "no dependency on the task package:\n" + nuspecText);
    }
}
