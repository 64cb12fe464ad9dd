namespace LavaMoat.Bundler.AspNetCore.Csp;

/// <summary>The result of <see cref="CspComposer.Compose"/>.</summary>
/// <param name="Header">The header value to send (one or more comma-separated policies).</param>
/// <param name="RemovedUnsafeEval">True when the app's policy allowed <c>'unsafe-eval'</c> and it was taken out.</param>
internal sealed record ComposedPolicy(string Header, bool RemovedUnsafeEval);

/// <summary>
/// Builds the strict policy and merges it into a policy the app already set. The merge only tightens:
/// <list type="bullet">
/// <item><c>object-src</c> and <c>base-uri</c> take our values (<c>'none'</c> unless configured);</item>
/// <item><c>script-src</c>: when the app has one (or, failing that, <c>default-src</c>, which <c>script-src</c> falls
/// back to) its source list is kept, minus <c>'unsafe-eval'</c>, plus our nonce. We neither widen nor narrow the
/// app's own allowlist; the one thing a LavaMoat page must not allow is eval, because compartments would then be
/// escapable through <c>eval</c>/<c>new Function</c>. When the app restricts nothing, <c>script-src</c> is ours.</item>
/// </list>
/// A header may carry several comma-separated policies; browsers enforce all of them, so merging into the first is
/// enough to make the whole set at least as strict as ours, and the others are kept unchanged.
/// </summary>
internal static class CspComposer
{
    private static readonly string[] s_refusedSources = ["'unsafe-eval'", "'unsafe-inline'", "*", "data:", "blob:"];

    public static void Validate(LavaMoatCspOptions options)
    {
        foreach (var source in options.ScriptSources)
        {
            EnsureToken(source, nameof(options.ScriptSources));
            if (s_refusedSources.Contains(source, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"LavaMoat CSP: script source {source} would defeat the strict policy.", nameof(options));
            }
        }

        EnsureToken(options.BaseUri, nameof(options.BaseUri));
        if (options.ReportUri is not null)
        {
            EnsureToken(options.ReportUri, nameof(options.ReportUri));
        }
    }

    public static ComposedPolicy Compose(string? existing, LavaMoatCspOptions options, string? nonce)
    {
        var ours = new List<string> { "'self'" };
        ours.AddRange(options.ScriptSources);
        if (nonce is not null)
        {
            ours.Add($"'nonce-{nonce}'");
        }

        var policies = string.IsNullOrWhiteSpace(existing)
            ? []
            : existing.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var policy = policies.Length > 0 ? ContentSecurityPolicy.Parse(policies[0]) : new ContentSecurityPolicy();

        var removed = false;
        var appScripts = policy.Get("script-src") ?? policy.Get("default-src");
        if (appScripts is null)
        {
            policy.Set("script-src", ours);
        }
        else
        {
            var kept = appScripts.Where(s => !s.Equals("'unsafe-eval'", StringComparison.OrdinalIgnoreCase)).ToList();
            removed = kept.Count != appScripts.Count;
            // 'none' must stand alone (a nonce beside it would re-open the directive), and the app said no scripts.
            if (nonce is not null && !(kept.Count == 1 && kept[0].Equals("'none'", StringComparison.OrdinalIgnoreCase)))
            {
                kept.Add($"'nonce-{nonce}'");
            }

            policy.Set("script-src", kept.Count == 0 ? ["'none'"] : kept.Distinct(StringComparer.Ordinal));
        }

        policy.Set("object-src", ["'none'"]);
        policy.Set("base-uri", [options.BaseUri]);
        if (options.ReportUri is not null)
        {
            policy.Set("report-uri", [options.ReportUri]);
        }

        var header = string.Join(", ", new[] { policy.ToString() }.Concat(policies.Skip(1)));
        return new ComposedPolicy(header, removed);
    }

    // A source or URI with ';', ',' or whitespace would inject directives or policies into the header.
    private static void EnsureToken(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => c is ';' or ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"LavaMoat CSP: '{value}' is not a single source expression.", name);
        }
    }
}
