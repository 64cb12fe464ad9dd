namespace LavaMoat.Bundler.AspNetCore;

/// <summary>How a bundle is loaded: the URL to write in <c>src</c> and, when known, its SRI value.</summary>
/// <param name="Url">
/// The URL to request. A route relative to the application root (no leading slash, no path base) for assets the
/// app serves itself, or the author's URL unchanged when it is absolute (another origin).
/// </param>
/// <param name="Integrity">The <c>sha256-…</c> value for the <c>integrity</c> attribute, or null when unknown.</param>
/// <param name="Source">Where the answer came from; lets tests and diagnostics tell the paths apart.</param>
public sealed record LavaMoatScriptAsset(string Url, string? Integrity, LavaMoatAssetSource Source)
{
    /// <summary>True when <see cref="Url"/> is absolute (<c>https://…</c> or <c>//…</c>), i.e. not served by this app.</summary>
    public bool IsExternal => LavaMoatAssetResolver.IsAbsoluteUrl(Url);
}

/// <summary>Where <see cref="LavaMoatAssetResolver"/> found a bundle.</summary>
public enum LavaMoatAssetSource
{
    /// <summary>Nothing knew the asset; the URL is the author's path and there is no integrity.</summary>
    None,

    /// <summary>The <c>ResourceAssetCollection</c> of the endpoint or component (<c>WithStaticAssets()</c>, Blazor <c>Assets</c>).</summary>
    ResourceAssetCollection,

    /// <summary>The static asset endpoints that <c>MapStaticAssets()</c> registered (their <c>StaticAssetDescriptor</c>).</summary>
    StaticAssetEndpoints,

    /// <summary>The file in the web root (apps on <c>UseStaticFiles</c> only); integrity hashed once and cached.</summary>
    WebRootFile,

    /// <summary>An absolute URL on another origin, passed through.</summary>
    External,
}
