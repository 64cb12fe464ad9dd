using LavaMoat.Bundler.AspNetCore;
using LavaMoat.Bundler.AspNetCore.Csp;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the opt-in strict Content-Security-Policy for pages that load LavaMoat bundles.</summary>
public static class LavaMoatApplicationBuilderExtensions
{
    /// <summary>
    /// Sends <c>script-src 'self'</c> (plus a nonce and configured sources), <c>object-src 'none'</c> and
    /// <c>base-uri 'none'</c>, merged into any policy the app sets further down the pipeline: missing directives are
    /// added, <c>'unsafe-eval'</c> is removed (and logged), nothing is loosened. Place it early, before the endpoints
    /// that render pages, so the nonce exists when they render.
    /// </summary>
    public static IApplicationBuilder UseLavaMoatContentSecurityPolicy(this IApplicationBuilder app, Action<LavaMoatCspOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new LavaMoatCspOptions();
        configure?.Invoke(options);
        // Misconfiguration fails at startup, not on the first request.
        CspComposer.Validate(options);
        return app.UseMiddleware<LavaMoatCspMiddleware>(options);
    }
}
