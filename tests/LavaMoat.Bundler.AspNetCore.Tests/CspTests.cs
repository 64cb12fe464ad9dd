using LavaMoat.Bundler.AspNetCore.Csp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LavaMoat.Bundler.AspNetCore.Tests;

/// <summary>The policy merge, then the middleware on a real server with headers the app sets itself.</summary>
[TestClass]
public sealed class CspTests
{
    private static readonly LavaMoatCspOptions s_defaults = new();

    [TestMethod]
    [DataRow(null, "script-src 'self'; object-src 'none'; base-uri 'none'")]
    [DataRow("", "script-src 'self'; object-src 'none'; base-uri 'none'")]
    // Missing directives are added; the app's own directives stay, in their order.
    [DataRow("default-src 'self'; img-src data:", "default-src 'self'; img-src data:; script-src 'self'; object-src 'none'; base-uri 'none'")]
    // The app's script allowlist is kept (not widened with 'self', not narrowed).
    [DataRow("script-src https://cdn.example.com", "script-src https://cdn.example.com; object-src 'none'; base-uri 'none'")]
    // A looser object-src/base-uri is tightened.
    [DataRow("object-src *; base-uri https:", "object-src 'none'; base-uri 'none'; script-src 'self'")]
    // Directive names are case-insensitive; the first of a repeated directive is the one in force.
    [DataRow("SCRIPT-SRC 'self'; script-src *", "script-src 'self'; object-src 'none'; base-uri 'none'")]
    // 'wasm-unsafe-eval' (Blazor WebAssembly) does not allow JS eval and is kept.
    [DataRow("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'")]
    public void Compose_TightensWithoutLoosening(string? existing, string expected)
    {
        var composed = CspComposer.Compose(existing, s_defaults, nonce: null);

        Assert.AreEqual(expected, composed.Header);
        Assert.IsFalse(composed.RemovedUnsafeEval);
    }

    [TestMethod]
    [DataRow("script-src 'self' 'unsafe-eval'", "script-src 'self'; object-src 'none'; base-uri 'none'")]
    [DataRow("script-src 'UNSAFE-EVAL'", "script-src 'none'; object-src 'none'; base-uri 'none'")]
    // Without script-src, default-src governs scripts: its list is used for script-src, minus 'unsafe-eval'.
    [DataRow("default-src 'self' 'unsafe-eval'", "default-src 'self' 'unsafe-eval'; script-src 'self'; object-src 'none'; base-uri 'none'")]
    public void Compose_AppPolicyWithUnsafeEval_IsNotKept(string existing, string expected)
    {
        var composed = CspComposer.Compose(existing, s_defaults, nonce: null);

        Assert.AreEqual(expected, composed.Header);
        Assert.IsTrue(composed.RemovedUnsafeEval);
    }

    [TestMethod]
    public void Compose_NonceAndExtraSources_AreAddedToScriptSrc()
    {
        var options = new LavaMoatCspOptions { ReportUri = "/csp-report" };
        options.ScriptSources.Add("https://cdn.example.com");

        Assert.AreEqual(
            "script-src 'self' https://cdn.example.com 'nonce-abc'; object-src 'none'; base-uri 'none'; report-uri /csp-report",
            CspComposer.Compose(null, options, "abc").Header);
        Assert.AreEqual(
            "script-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'none'; report-uri /csp-report",
            CspComposer.Compose("script-src 'self'", options, "abc").Header);
    }

    [TestMethod]
    public void Compose_AppScriptSrcNone_GetsNoNonce()
    {
        // A source beside 'none' would re-open a directive the app closed.
        Assert.AreEqual("script-src 'none'; object-src 'none'; base-uri 'none'", CspComposer.Compose("script-src 'none'", s_defaults, "abc").Header);
    }

    [TestMethod]
    public void Compose_SeveralPolicies_MergesIntoTheFirstAndKeepsTheRest()
    {
        // Browsers enforce every policy in the list, so the others can only restrict further.
        Assert.AreEqual(
            "script-src 'self'; object-src 'none'; base-uri 'none', img-src 'self'",
            CspComposer.Compose("script-src 'self' 'unsafe-eval', img-src 'self'", s_defaults, null).Header);
    }

    [TestMethod]
    [DataRow("'unsafe-eval'")]
    [DataRow("'unsafe-inline'")]
    [DataRow("*")]
    [DataRow("data:")]
    [DataRow("https://a.example; script-src *")]
    [DataRow("https://a.example, script-src *")]
    public void Options_SourcesThatUndoThePolicy_AreRefusedAtStartup(string source)
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        Assert.ThrowsExactly<ArgumentException>(() => app.UseLavaMoatContentSecurityPolicy(o => o.ScriptSources.Add(source)));
    }

    [TestMethod]
    public void Options_HeaderInjectionThroughReportUri_IsRefused()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        Assert.ThrowsExactly<ArgumentException>(() => app.UseLavaMoatContentSecurityPolicy(o => o.ReportUri = "/r; script-src *"));
    }

    [TestMethod]
    public async Task Middleware_NoAppPolicy_SendsTheStrictPolicy()
    {
        await using var site = await StartAsync(null, appPolicy: null);

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.AreEqual("script-src 'self'; object-src 'none'; base-uri 'none'", Header(response, "Content-Security-Policy"));
        Assert.IsFalse(response.Headers.Contains("Content-Security-Policy-Report-Only"));
    }

    [TestMethod]
    public async Task Middleware_ComposesWithThePolicyTheEndpointSets()
    {
        await using var site = await StartAsync(null, appPolicy: "default-src 'self'; img-src https://img.example.com");

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.AreEqual(
            "default-src 'self'; img-src https://img.example.com; script-src 'self'; object-src 'none'; base-uri 'none'",
            Header(response, "Content-Security-Policy"));
    }

    [TestMethod]
    public async Task Attack_AppPolicyWithUnsafeEval_IsNotKeptAsStrict_AndIsLogged()
    {
        // An app (or a library it uses) allows eval; a page running LavaMoat compartments must not.
        await using var site = await StartAsync(null, appPolicy: "script-src 'self' 'unsafe-eval'; connect-src 'self'");

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative));
        var header = Header(response, "Content-Security-Policy");

        Assert.AreEqual("script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'", header);
        Assert.DoesNotContain("unsafe-eval", header, StringComparison.OrdinalIgnoreCase);
        Assert.IsTrue(
            site.Logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("'unsafe-eval'", StringComparison.Ordinal)),
            "removing the app's 'unsafe-eval' must be logged, not silent");
    }

    [TestMethod]
    public async Task Middleware_NeverAddsUnsafeEval_AcrossOptions()
    {
        await using var site = await StartAsync(
            o =>
            {
                o.UseNonce = true;
                o.ScriptSources.Add("'strict-dynamic'");
                o.ReportUri = "/csp-report";
            },
            appPolicy: "default-src 'self' 'unsafe-eval' 'unsafe-inline'");

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative));
        var header = Header(response, "Content-Security-Policy");
        var scriptSrc = header.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

        Assert.DoesNotContain("unsafe-eval", scriptSrc, StringComparison.OrdinalIgnoreCase);
        StringAssert.Contains(scriptSrc, "'nonce-");
    }

    [TestMethod]
    public async Task ReportOnly_SendsReportOnlyHeader_AndLeavesTheEnforcedPolicyAlone()
    {
        await using var site = await StartAsync(
            o =>
            {
                o.ReportOnly = true;
                o.ReportUri = "/csp-report";
            },
            appPolicy: "default-src 'self'");

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.AreEqual(
            "script-src 'self'; object-src 'none'; base-uri 'none'; report-uri /csp-report",
            Header(response, "Content-Security-Policy-Report-Only"));
        Assert.AreEqual("default-src 'self'", Header(response, "Content-Security-Policy"));
    }

    private static async Task<TestSite> StartAsync(Action<LavaMoatCspOptions>? configure, string? appPolicy) =>
        await TestSite.StartAsync(null, app =>
        {
            app.UseLavaMoatContentSecurityPolicy(configure);
            // The app's own policy, set after ours runs (as an endpoint or a later middleware would).
            app.MapGet("/", (HttpContext context) =>
            {
                if (appPolicy is not null)
                {
                    context.Response.Headers.ContentSecurityPolicy = appPolicy;
                }

                return "ok";
            });
        });

    private static string Header(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));
}
