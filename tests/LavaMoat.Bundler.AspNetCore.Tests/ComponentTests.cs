using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace LavaMoat.Bundler.AspNetCore.Tests;

/// <summary>
/// The Blazor component, two ways (Blazor templates do not restore from this feed, so there is no Blazor app here):
/// rendered to HTML by <see cref="HtmlRenderer"/>, and served by Blazor static server rendering
/// (<c>MapRazorComponents</c>) over this project's real static asset endpoints.
/// </summary>
[TestClass]
public sealed class ComponentTests
{
    [TestMethod]
    public async Task HtmlRenderer_StaticAssetEndpoint_WritesRouteIntegrityAndNonce()
    {
        // The endpoint MapStaticAssets would build for a fingerprinted asset: a StaticAssetDescriptor in the metadata
        // with the build's label and integrity properties (StaticAssetEndpointFactory adds the descriptor itself).
        var descriptor = new StaticAssetDescriptor
        {
            Route = "app.bundle.abc123.js",
            AssetPath = "app.bundle.js",
            Selectors = [],
            Properties = [new("fingerprint", "abc123"), new("integrity", "sha256-AAAA"), new("label", "app.bundle.js")],
            ResponseHeaders = [],
        };
        var html = await RenderAsync(
            s => s.AddSingleton<EndpointDataSource>(new FixedEndpoints(descriptor)),
            new() { ["Src"] = "app.bundle.js", ["Nonce"] = "n0nce", ["AdditionalAttributes"] = new Dictionary<string, object> { ["defer"] = true } });

        Assert.AreEqual("<script src=\"app.bundle.abc123.js\" integrity=\"sha256-AAAA\" nonce=\"n0nce\" defer></script>", html);
    }

    [TestMethod]
    public async Task HtmlRenderer_UnknownAsset_PlainSrcNoIntegrityNoNonce()
    {
        var html = await RenderAsync(null, new() { ["Src"] = "~/app.bundle.js" });

        Assert.AreEqual("<script src=\"app.bundle.js\"></script>", html);
    }

    [TestMethod]
    public async Task HtmlRenderer_ExternalSrcWithIntegrity_AddsCrossOriginAnonymous()
    {
        var html = await RenderAsync(null, new()
        {
            ["Src"] = "https://cdn.example.com/app.bundle.js",
            ["AdditionalAttributes"] = new Dictionary<string, object> { ["integrity"] = "sha256-BBBB" },
        });

        Assert.AreEqual("<script src=\"https://cdn.example.com/app.bundle.js\" crossorigin=\"anonymous\" integrity=\"sha256-BBBB\"></script>", html);
    }

    [TestMethod]
    public async Task HtmlRenderer_WithoutAddLavaMoat_FailsWithAClearMessage()
    {
        await using var provider = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<LavaMoatScript>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Src"] = "app.bundle.js" }))).ToHtmlString()));

        StringAssert.Contains(error.Message, "AddLavaMoat()");
    }

    [TestMethod]
    public async Task StaticServerRendering_UsesAssetsFromTheRealManifest_AndTheRequestNonce()
    {
        await using var site = await TestSite.StartAsync(
            b => b.Services.AddRazorComponents(),
            app =>
            {
                app.UseLavaMoatContentSecurityPolicy(o =>
                {
                    o.UseNonce = true;
                    o.BaseUri = "'self'";
                });
                app.UseAntiforgery();
                app.MapStaticAssets();
                app.MapRazorComponents<BlazorHost>();
            });

        using var response = await site.Client.GetAsync(new Uri("/blazor", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var scripts = TestSite.Scripts(html).Where(s => s.TryGetValue("src", out var src) && src!.Contains("bundle", StringComparison.Ordinal)).ToList();
        var manifest = BuildManifest.Load();

        Assert.HasCount(2, scripts, html);
        Assert.AreEqual("/" + manifest.FingerprintedRoute("app.bundle.js"), scripts[0]["src"]);
        Assert.AreEqual(manifest.Integrity(manifest.FingerprintedRoute("app.bundle.js")), scripts[0]["integrity"]);
        Assert.AreEqual(await site.IntegrityOfServedAsync(scripts[0]["src"]!), scripts[0]["integrity"]);
        StringAssert.Matches(scripts[1]["src"], new Regex(@"^/_content/FixtureRcl/lib\.bundle\.[a-z0-9]+\.js$"));
        Assert.AreEqual(await site.IntegrityOfServedAsync(scripts[1]["src"]!), scripts[1]["integrity"]);

        // Blazor gave the component the app's ResourceAssetCollection (ComponentBase.Assets), which was used first.
        StringAssert.Contains(html, "<meta name=\"lavamoat-source\" content=\"ResourceAssetCollection\" />");

        var nonce = scripts[0]["nonce"];
        Assert.IsFalse(string.IsNullOrEmpty(nonce));
        Assert.AreEqual(
            $"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'self'",
            string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
    }

    private static async Task<string> RenderAsync(Action<IServiceCollection>? configure, Dictionary<string, object?> parameters)
    {
        var services = new ServiceCollection().AddLogging().AddLavaMoat();
        configure?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<LavaMoatScript>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    private sealed class FixedEndpoints(StaticAssetDescriptor descriptor) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints { get; } =
            [new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(descriptor), descriptor.Route)];

        public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;
    }
}

/// <summary>The root component of the SSR test: a whole page, as a Blazor app's App.razor would be, in C#.</summary>
public sealed class BlazorHost : ComponentBase
{
    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMarkupContent(0, "<!DOCTYPE html><html><head><base href=\"/\" /></head><body>");
        builder.OpenComponent<LavaMoatScript>(1);
        builder.AddComponentParameter(2, nameof(LavaMoatScript.Src), "app.bundle.js");
        builder.CloseComponent();
        builder.OpenComponent<LavaMoatScript>(3);
        builder.AddComponentParameter(4, nameof(LavaMoatScript.Src), "_content/FixtureRcl/lib.bundle.js");
        builder.CloseComponent();
        builder.OpenComponent<AssetSourceProbe>(5);
        builder.CloseComponent();
        builder.AddMarkupContent(6, "</body></html>");
    }
}

/// <summary>Shows which source the resolver used with this renderer's <see cref="ComponentBase.Assets"/>.</summary>
public sealed class AssetSourceProbe : ComponentBase
{
    [Inject]
    private LavaMoatAssetResolver Resolver { get; set; } = null!;

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "meta");
        builder.AddAttribute(1, "name", "lavamoat-source");
        builder.AddAttribute(2, "content", Resolver.Resolve("app.bundle.js", Assets).Source.ToString());
        builder.CloseElement();
    }
}

/// <summary>The routable page MapRazorComponents needs; it renders nothing itself (BlazorHost is the whole page).</summary>
[Route("/blazor")]
public sealed class BlazorPage : ComponentBase
{
}
