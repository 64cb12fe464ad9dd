using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LavaMoat.Bundler.AspNetCore;

/// <summary>
/// Finds the URL and the build-time integrity of a bundle, in this order:
/// <list type="number">
/// <item>the <see cref="ResourceAssetCollection"/> the caller has (endpoint metadata from <c>WithStaticAssets()</c>,
/// or Blazor's <c>ComponentBase.Assets</c>): its <c>label</c> maps the plain name to the fingerprinted route, and
/// the route's <c>integrity</c> property is the build's <c>sha256-…</c>;</item>
/// <item>the static asset endpoints registered by <c>MapStaticAssets()</c>, read from their
/// <see cref="StaticAssetDescriptor"/> metadata (the same <c>label</c>/<c>integrity</c> properties), so the tag helper
/// works on pages mapped without <c>WithStaticAssets()</c>;</item>
/// <item>the file in the web root, hashed once (see <see cref="LavaMoatOptions.ComputeIntegrityFromWebRoot"/>);</item>
/// <item>otherwise the author's path with no integrity.</item>
/// </list>
/// Registered as a singleton by <c>AddLavaMoat()</c>; every dependency is optional so it also works in a bare
/// service provider (component tests, WebAssembly).
/// </summary>
public sealed class LavaMoatAssetResolver
{
    private readonly IServiceProvider _services;
    private readonly LavaMoatOptions _options;
    private readonly ConcurrentDictionary<string, FileIntegrity> _fileIntegrity = new(StringComparer.Ordinal);
    private volatile EndpointIndex? _endpointIndex;

    /// <summary>Creates the resolver; <paramref name="services"/> supplies the optional routing and hosting services.</summary>
    public LavaMoatAssetResolver(IServiceProvider services, IOptions<LavaMoatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
    }

    /// <summary>Resolves <paramref name="src"/> (<c>app.bundle.js</c>, <c>/app.bundle.js</c>, <c>~/app.bundle.js</c>, <c>_content/Lib/app.bundle.js</c> or an absolute URL).</summary>
    /// <param name="src">The author's path.</param>
    /// <param name="assets">A resource collection the caller already has (may be null or empty).</param>
    public LavaMoatScriptAsset Resolve(string src, ResourceAssetCollection? assets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(src);
        if (IsAbsoluteUrl(src))
        {
            return new LavaMoatScriptAsset(src, null, LavaMoatAssetSource.External);
        }

        var key = ToKey(src);
        if ((assets is not null && TryResolve(assets, key, out var found))
            || (GetEndpointIndex() is { } index && index.TryResolve(key, out found)))
        {
            // In Development MapStaticAssets drops the build's integrity (the file may have been edited since the
            // build; EnableStaticAssetsDevelopmentIntegrity) and serves the file as it is now, so hash that file.
            if (found.Integrity is null && _options.ComputeIntegrityFromWebRoot && TryHashWebRootFile(key, out var current))
            {
                return found with { Integrity = current };
            }

            return found;
        }

        if (_options.ComputeIntegrityFromWebRoot && TryHashWebRootFile(key, out var integrity))
        {
            return new LavaMoatScriptAsset(key, integrity, LavaMoatAssetSource.WebRootFile);
        }

        return new LavaMoatScriptAsset(key, null, LavaMoatAssetSource.None);
    }

    /// <summary>
    /// Turns an app-relative route into the URL to write: <c>{PathBase}/{route}</c>, because routes are relative to
    /// the application root while the page may sit at any depth (and a strict CSP's <c>base-uri 'none'</c> disables
    /// <c>&lt;base href&gt;</c>). External URLs are returned unchanged.
    /// </summary>
    public static string ToHref(LavaMoatScriptAsset asset, PathString pathBase)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.IsExternal)
        {
            return asset.Url;
        }

        return pathBase.Add(new PathString("/" + asset.Url)).ToUriComponent();
    }

    internal static bool IsAbsoluteUrl(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    // Static asset routes are relative to the app root with no leading slash (as in the endpoints manifest).
    internal static string ToKey(string src)
    {
        var path = src.StartsWith("~/", StringComparison.Ordinal) ? src[2..] : src;
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            path = path[..query];
        }

        return path.TrimStart('/');
    }

    private static bool TryResolve(ResourceAssetCollection assets, string key, out LavaMoatScriptAsset result)
    {
        // The indexer maps a label (plain name) to the fingerprinted URL and returns the key itself when unknown.
        var url = assets.IsContentSpecificUrl(key) ? key : assets[key];
        foreach (var asset in (IReadOnlyList<ResourceAsset>)assets)
        {
            if (string.Equals(asset.Url, url, StringComparison.OrdinalIgnoreCase))
            {
                result = new LavaMoatScriptAsset(asset.Url, GetProperty(asset.Properties, "integrity"), LavaMoatAssetSource.ResourceAssetCollection);
                return true;
            }
        }

        result = null!;
        return false;
    }

    private static string? GetProperty(IReadOnlyList<ResourceAssetProperty>? properties, string name)
    {
        foreach (var property in properties ?? [])
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private EndpointIndex? GetEndpointIndex()
    {
        var dataSource = _services.GetService<EndpointDataSource>();
        if (dataSource is null)
        {
            return null;
        }

        // Endpoints change when the app maps more (or hot reload swaps the manifest); rebuild only then.
        var index = _endpointIndex;
        if (index is null || index.HasChanged)
        {
            index = EndpointIndex.Build(dataSource);
            _endpointIndex = index;
        }

        return index;
    }

    private bool TryHashWebRootFile(string key, out string? integrity)
    {
        integrity = null;
        var provider = _services.GetService<IWebHostEnvironment>()?.WebRootFileProvider;
        var file = provider?.GetFileInfo(key);
        if (file is null || !file.Exists || file.IsDirectory)
        {
            return false;
        }

        var stamp = new FileIntegrity(file.Length, file.LastModified, "");
        if (_fileIntegrity.TryGetValue(key, out var cached) && cached.Length == stamp.Length && cached.LastModified == stamp.LastModified)
        {
            integrity = cached.Integrity;
            return true;
        }

        using (var stream = file.CreateReadStream())
        {
            integrity = "sha256-" + Convert.ToBase64String(SHA256.HashData(stream));
        }

        _fileIntegrity[key] = stamp with { Integrity = integrity };
        return true;
    }

    private sealed record FileIntegrity(long Length, DateTimeOffset LastModified, string Integrity);

    private sealed class EndpointIndex
    {
        private readonly Dictionary<string, StaticAssetDescriptor> _byLabel = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, StaticAssetDescriptor> _byRoute = new(StringComparer.OrdinalIgnoreCase);
        private readonly Microsoft.Extensions.Primitives.IChangeToken _changeToken;

        private EndpointIndex(Microsoft.Extensions.Primitives.IChangeToken changeToken) => _changeToken = changeToken;

        public bool HasChanged => _changeToken.HasChanged;

        public static EndpointIndex Build(EndpointDataSource dataSource)
        {
            var index = new EndpointIndex(dataSource.GetChangeToken());
            foreach (var endpoint in dataSource.Endpoints)
            {
                // Descriptors with selectors are the compressed variants (Content-Encoding) of the same resource.
                if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not { Selectors.Count: 0 } descriptor)
                {
                    continue;
                }

                index._byRoute.TryAdd(descriptor.Route, descriptor);
                if (FindProperty(descriptor, "label") is { } label)
                {
                    index._byLabel.TryAdd(label, descriptor);
                }
            }

            return index;
        }

        public bool TryResolve(string key, out LavaMoatScriptAsset result)
        {
            if (_byLabel.TryGetValue(key, out var descriptor) || _byRoute.TryGetValue(key, out descriptor))
            {
                result = new LavaMoatScriptAsset(descriptor.Route, FindProperty(descriptor, "integrity"), LavaMoatAssetSource.StaticAssetEndpoints);
                return true;
            }

            result = null!;
            return false;
        }

        private static string? FindProperty(StaticAssetDescriptor descriptor, string name)
        {
            foreach (var property in descriptor.Properties)
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }

            return null;
        }
    }
}
