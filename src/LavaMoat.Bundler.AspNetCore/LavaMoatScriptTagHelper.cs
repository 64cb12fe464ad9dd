using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace LavaMoat.Bundler.AspNetCore;

/// <summary>
/// <c>&lt;lavamoat-script src="~/app.bundle.js" /&gt;</c> renders
/// <c>&lt;script src="/app.bundle.{fingerprint}.js" integrity="sha256-…" nonce="…"&gt;&lt;/script&gt;</c>.
/// An element of its own rather than an <c>asp-*</c> attribute on <c>&lt;script&gt;</c>, so a page cannot silently
/// fall back to a plain script tag when the tag helper is not imported (an unknown element simply does not load).
/// Other attributes (<c>defer</c>, <c>id</c>, <c>data-*</c>) are copied; an explicit <c>integrity</c>,
/// <c>crossorigin</c> or <c>nonce</c> written by the author wins over the computed one.
/// </summary>
[HtmlTargetElement(ElementName, Attributes = SrcAttributeName)]
public sealed class LavaMoatScriptTagHelper : TagHelper
{
    /// <summary>The element name, <c>lavamoat-script</c>.</summary>
    public const string ElementName = "lavamoat-script";

    private const string SrcAttributeName = "src";

    /// <summary>
    /// The bundle: <c>app.bundle.js</c>, <c>~/app.bundle.js</c>, <c>/app.bundle.js</c>, <c>_content/Lib/app.bundle.js</c>
    /// (the plain name; the fingerprinted route is looked up), or an absolute URL on another origin.
    /// </summary>
    [HtmlAttributeName(SrcAttributeName)]
    public string Src { get; set; } = "";

    /// <summary>Set by Razor.</summary>
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var http = ViewContext.HttpContext;
        var resolver = http.RequestServices.GetService<LavaMoatAssetResolver>()
            ?? throw new InvalidOperationException("<lavamoat-script> needs services.AddLavaMoat() in Program.cs.");

        // Present when the page's endpoint was mapped WithStaticAssets(); the resolver reads the endpoints otherwise.
        var assets = http.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        var asset = resolver.Resolve(Src, assets);

        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.Clear();
        output.Attributes.Insert(0, new TagHelperAttribute("src", LavaMoatAssetResolver.ToHref(asset, http.Request.PathBase)));

        var integrity = output.Attributes.TryGetAttribute("integrity", out var authored) ? authored.Value : asset.Integrity;
        if (asset.Integrity is not null && authored is null)
        {
            output.Attributes.SetAttribute("integrity", asset.Integrity);
        }

        // SRI on a script from another origin only works over CORS; same-origin scripts need no crossorigin.
        if (integrity is not null && IsCrossOrigin(asset, http.Request) && !output.Attributes.ContainsName("crossorigin"))
        {
            output.Attributes.SetAttribute("crossorigin", "anonymous");
        }

        if (!output.Attributes.ContainsName("nonce") && http.RequestServices.GetService<ICspNonceProvider>()?.GetNonce(http) is { } nonce)
        {
            output.Attributes.SetAttribute("nonce", nonce);
        }
    }

    internal static bool IsCrossOrigin(LavaMoatScriptAsset asset, HttpRequest? request)
    {
        if (!asset.IsExternal)
        {
            return false;
        }

        if (request is null || !Uri.TryCreate(asset.Url.StartsWith("//", StringComparison.Ordinal) ? request.Scheme + ":" + asset.Url : asset.Url, UriKind.Absolute, out var url))
        {
            return true;
        }

        return !(url.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
            && url.Authority.Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
