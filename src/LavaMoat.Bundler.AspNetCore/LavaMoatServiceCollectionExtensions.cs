using LavaMoat.Bundler.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the LavaMoat tag helper, component and CSP middleware use.</summary>
public static class LavaMoatServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LavaMoatAssetResolver"/> and, unless the app registered its own, the default
    /// <see cref="ICspNonceProvider"/>.
    /// </summary>
    public static IServiceCollection AddLavaMoat(this IServiceCollection services, Action<LavaMoatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LavaMoatOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<LavaMoatAssetResolver>();
        services.TryAddSingleton<ICspNonceProvider, HttpContextItemsNonceProvider>();
        return services;
    }
}
