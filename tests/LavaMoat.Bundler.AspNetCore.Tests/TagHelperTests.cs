using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LavaMoat.Bundler.AspNetCore.Tests;

/// <summary>
/// <c>&lt;lavamoat-script&gt;</c> in a compiled Razor Page (Pages/Index.cshtml), served by a real app over the
/// static web assets manifests this project's build produced.
/// </summary>
[TestClass]
public sealed class TagHelperTests
{
    [TestMethod]
    public async Task MapStaticAssets_WithStaticAssets_WritesFingerprintedSrcAndBuildIntegrity()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        });

        await AssertFingerprintedAsync(site);
    }

    [TestMethod]
    public async Task WithStaticAssets_TheEndpointsResourceAssetCollectionIsUsedFirst()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        });
        var manifest = BuildManifest.Load();
        var route = manifest.FingerprintedRoute("app.bundle.js");

        Assert.AreEqual(
            $"ResourceAssetCollection {route} {manifest.Integrity(route)}",
            System.Net.WebUtility.HtmlDecode(await site.GetStringAsync("/Probe")).Trim());
    }

    [TestMethod]
    public async Task MapStaticAssets_WithoutWithStaticAssets_ReadsTheStaticAssetEndpoints()
    {
        // No ResourceAssetCollection on the page endpoint: the resolver falls back to the endpoints' descriptors.
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.MapStaticAssets();
            app.MapRazorPages();
        });

        await AssertFingerprintedAsync(site);
    }

    [TestMethod]
    public async Task MapStaticAssets_IntegrityComesFromTheBuildManifest()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app => app.MapStaticAssets());
        var manifest = BuildManifest.Load();

        var asset = site.Services.GetRequiredService<LavaMoatAssetResolver>().Resolve("~/app.bundle.js", assets: null);

        Assert.AreEqual(LavaMoatAssetSource.StaticAssetEndpoints, asset.Source);
        Assert.AreEqual(manifest.FingerprintedRoute("app.bundle.js"), asset.Url);
        Assert.AreEqual(manifest.Integrity("app.bundle.js"), asset.Integrity);
    }

    [TestMethod]
    public async Task Development_FrameworkDropsIntegrity_TheCurrentFileIsHashed()
    {
        await using var site = await TestSite.StartAsync(
            TestSite.AddPages,
            app =>
            {
                app.MapStaticAssets();
                app.MapRazorPages().WithStaticAssets();
            },
            environment: "Development");

        await AssertFingerprintedAsync(site);
    }

    [TestMethod]
    public async Task UseStaticFilesOnly_WritesPlainPathAndIntegrityHashedFromWebRoot()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.UseStaticFiles();
            app.MapRazorPages();
        });

        var scripts = TestSite.Scripts(await site.GetStringAsync("/"));

        Assert.AreEqual("/app.bundle.js", scripts[0]["src"]);
        Assert.AreEqual(await site.IntegrityOfServedAsync("/app.bundle.js"), scripts[0]["integrity"]);
        Assert.AreEqual("/_content/FixtureRcl/lib.bundle.js", scripts[1]["src"]);
        Assert.AreEqual(await site.IntegrityOfServedAsync("/_content/FixtureRcl/lib.bundle.js"), scripts[1]["integrity"]);
    }

    [TestMethod]
    public async Task UseStaticFilesOnly_WebRootHashingOff_WritesNoIntegrity()
    {
        await using var site = await TestSite.StartAsync(
            b => { TestSite.AddPages(b); b.Services.AddLavaMoat(o => o.ComputeIntegrityFromWebRoot = false); },
            app =>
            {
                app.UseStaticFiles();
                app.MapRazorPages();
            });

        var scripts = TestSite.Scripts(await site.GetStringAsync("/"));

        Assert.AreEqual("/app.bundle.js", scripts[0]["src"]);
        Assert.IsFalse(scripts[0].ContainsKey("integrity"));
    }

    [TestMethod]
    public async Task NoNonceProvided_WritesNoNonceAndNoCrossOrigin()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        });

        foreach (var script in TestSite.Scripts(await site.GetStringAsync("/")))
        {
            Assert.IsFalse(script.ContainsKey("nonce"));
            // Same-origin scripts need no CORS mode for SRI.
            Assert.IsFalse(script.ContainsKey("crossorigin"));
        }
    }

    [TestMethod]
    public async Task NonceFromTheCspMiddleware_IsWrittenAndMatchesTheHeader()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.UseLavaMoatContentSecurityPolicy(o => o.UseNonce = true);
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        });

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative));
        var csp = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        var scripts = TestSite.Scripts(await response.Content.ReadAsStringAsync());

        var nonce = scripts[0]["nonce"];
        Assert.IsFalse(string.IsNullOrEmpty(nonce));
        Assert.AreEqual(nonce, scripts[1]["nonce"]);
        Assert.AreEqual($"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'", csp);

        // A fresh nonce per request.
        var again = TestSite.Scripts(await site.GetStringAsync("/"));
        Assert.AreNotEqual(nonce, again[0]["nonce"]);
    }

    [TestMethod]
    public async Task NonceFromTheAppsOwnProvider_IsWritten()
    {
        await using var site = await TestSite.StartAsync(
            b =>
            {
                TestSite.AddPages(b);
                b.Services.AddSingleton<ICspNonceProvider>(new FixedNonceProvider("app-nonce-123"));
            },
            app =>
            {
                app.MapStaticAssets();
                app.MapRazorPages().WithStaticAssets();
            });

        var scripts = TestSite.Scripts(await site.GetStringAsync("/"));

        Assert.AreEqual("app-nonce-123", scripts[0]["nonce"]);
    }

    [TestMethod]
    public async Task PathBase_IsPrefixedToTheFingerprintedRoute()
    {
        await using var site = await TestSite.StartAsync(TestSite.AddPages, app =>
        {
            app.UsePathBase("/shop");
            app.UseRouting();
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        });

        var scripts = TestSite.Scripts(await site.GetStringAsync("/shop/"));

        StringAssert.Matches(scripts[0]["src"], new Regex(@"^/shop/app\.bundle\.[a-z0-9]+\.js$"));
        Assert.AreEqual(await site.IntegrityOfServedAsync(scripts[0]["src"]!), scripts[0]["integrity"]);
    }

    private static async Task AssertFingerprintedAsync(TestSite site)
    {
        var scripts = TestSite.Scripts(await site.GetStringAsync("/"));
        Assert.HasCount(2, scripts);

        var app = scripts[0];
        StringAssert.Matches(app["src"], new Regex(@"^/app\.bundle\.[a-z0-9]{6,}\.js$"));
        StringAssert.StartsWith(app["integrity"], "sha256-");
        // The build-time integrity is the hash of the bytes the app serves at that URL.
        Assert.AreEqual(await site.IntegrityOfServedAsync(app["src"]!), app["integrity"]);
        Assert.IsTrue(app.ContainsKey("defer"), "authored attributes are kept");

        var lib = scripts[1];
        StringAssert.Matches(lib["src"], new Regex(@"^/_content/FixtureRcl/lib\.bundle\.[a-z0-9]{6,}\.js$"));
        Assert.AreEqual(await site.IntegrityOfServedAsync(lib["src"]!), lib["integrity"]);
        Assert.AreEqual("lib", lib["id"]);
    }

    private sealed class FixedNonceProvider(string nonce) : ICspNonceProvider
    {
        public string? GetNonce(Microsoft.AspNetCore.Http.HttpContext context) => nonce;
    }
}
