using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LavaMoat.Bundler.AspNetCore;

/// <summary>
/// <c>&lt;LavaMoatScript Src="app.bundle.js" /&gt;</c> for Blazor (typically in <c>App.razor</c>): the same
/// <c>&lt;script&gt;</c> as the tag helper, resolved first from the renderer's <see cref="ComponentBase.Assets"/>
/// (what <c>@Assets["app.bundle.js"]</c> reads). Written in C# so the library needs no Razor SDK.
/// </summary>
public sealed class LavaMoatScript : ComponentBase
{
    /// <summary>The bundle's plain name or path (see <see cref="LavaMoatScriptTagHelper.Src"/>).</summary>
    [Parameter]
    [EditorRequired]
    public string Src { get; set; } = "";

    /// <summary>A nonce to write; when null, the registered <see cref="ICspNonceProvider"/> is asked during static rendering.</summary>
    [Parameter]
    public string? Nonce { get; set; }

    /// <summary>Other attributes for the tag (<c>defer</c>, <c>id</c>, or an explicit <c>integrity</c>/<c>crossorigin</c>, which win).</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <summary>Cascaded by Blazor during static server rendering; null when rendering interactively.</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = null!;

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resolver = Services.GetService<LavaMoatAssetResolver>()
            ?? throw new InvalidOperationException("<LavaMoatScript> needs services.AddLavaMoat() in Program.cs.");
        var asset = resolver.Resolve(Src, Assets);

        // With a request, write a root-relative URL (a strict CSP's base-uri may disable <base href>); without one,
        // a relative route as @Assets[...] gives, resolved against the page's <base href>.
        var href = HttpContext is not null ? LavaMoatAssetResolver.ToHref(asset, HttpContext.Request.PathBase) : asset.Url;
        var nonce = Nonce ?? (HttpContext is null ? null : Services.GetService<ICspNonceProvider>()?.GetNonce(HttpContext));
        var integrity = AdditionalAttributes?.GetValueOrDefault("integrity") ?? asset.Integrity;

        builder.OpenElement(0, "script");
        builder.AddAttribute(1, "src", href);
        if (asset.Integrity is not null)
        {
            builder.AddAttribute(2, "integrity", asset.Integrity);
        }

        if (integrity is not null && LavaMoatScriptTagHelper.IsCrossOrigin(asset, HttpContext?.Request))
        {
            builder.AddAttribute(3, "crossorigin", "anonymous");
        }

        if (nonce is not null)
        {
            builder.AddAttribute(4, "nonce", nonce);
        }

        // Last, so the author's explicit attributes replace the computed ones of the same name.
        builder.AddMultipleAttributes(5, AdditionalAttributes);
        builder.CloseElement();
    }
}
