using Microsoft.AspNetCore.Http;

namespace LavaMoat.Bundler.AspNetCore;

/// <summary>
/// Supplies the per-request CSP nonce the tag helper and the component write on the script tag. Implement it over
/// whatever already sets the app's CSP (e.g. a security-headers library) so the tag and the header agree; the default
/// reads <see cref="HttpContext.Items"/>[<see cref="HttpContextItemsNonceProvider.ItemKey"/>], which
/// <c>UseLavaMoatContentSecurityPolicy</c> fills when <c>UseNonce</c> is on.
/// </summary>
public interface ICspNonceProvider
{
    /// <summary>The nonce for this request, or null when the page has none (then no <c>nonce</c> attribute is written).</summary>
    string? GetNonce(HttpContext context);
}

/// <summary>The default <see cref="ICspNonceProvider"/>: a string in <see cref="HttpContext.Items"/>.</summary>
public sealed class HttpContextItemsNonceProvider : ICspNonceProvider
{
    /// <summary>The <see cref="HttpContext.Items"/> key; apps with their own middleware may store their nonce here.</summary>
    public const string ItemKey = "LavaMoat.CspNonce";

    /// <inheritdoc />
    public string? GetNonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is string { Length: > 0 } nonce ? nonce : null;
    }
}
