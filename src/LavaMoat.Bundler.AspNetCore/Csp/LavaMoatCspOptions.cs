namespace LavaMoat.Bundler.AspNetCore;

/// <summary>Options for <c>UseLavaMoatContentSecurityPolicy</c>.</summary>
public sealed class LavaMoatCspOptions
{
    /// <summary>
    /// Send <c>Content-Security-Policy-Report-Only</c> instead of the enforcing header (and merge with the app's
    /// report-only header, leaving its enforcing header alone). For trying the policy on a live site first.
    /// </summary>
    public bool ReportOnly { get; set; }

    /// <summary>
    /// Give every request a fresh nonce: <c>'nonce-…'</c> is added to <c>script-src</c> and the tag helper and
    /// component write it on the bundle's tag. The nonce comes from the registered <see cref="ICspNonceProvider"/>
    /// when it has one for the request; otherwise 128 random bits are stored for <see cref="HttpContextItemsNonceProvider"/>.
    /// </summary>
    public bool UseNonce { get; set; }

    /// <summary>
    /// Extra <c>script-src</c> sources besides <c>'self'</c> (e.g. <c>https://cdn.example.com</c>, <c>'strict-dynamic'</c>).
    /// <c>'unsafe-eval'</c>, <c>'unsafe-inline'</c>, <c>*</c>, <c>data:</c> and <c>blob:</c> are refused: they would
    /// undo what the policy is for.
    /// </summary>
    public IList<string> ScriptSources { get; } = [];

    /// <summary>
    /// The <c>base-uri</c> value; <c>'none'</c> by default. Blazor pages rely on <c>&lt;base href="/"&gt;</c>, so they
    /// set <c>'self'</c>.
    /// </summary>
    public string BaseUri { get; set; } = "'none'";

    /// <summary>An optional <c>report-uri</c> endpoint for violation reports.</summary>
    public string? ReportUri { get; set; }
}
