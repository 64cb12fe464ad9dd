using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace LavaMoat.Bundler.AspNetCore.Tests;

/// <summary>
/// What the browser does with the tag and header: Debian's Chromium (through ExecutablePath) loads pages from a real
/// app with MapStaticAssets, the tag helper and the CSP middleware. The fixture bundle records whether it ran and
/// whether eval worked.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ChromiumTests
{
    private const string ChromiumPath = "/usr/lib/chromium/chromium";

    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        Assert.IsTrue(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium");
        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (s_browser is not null)
        {
            await s_browser.CloseAsync();
        }

        s_playwright?.Dispose();
    }

    [TestMethod]
    public async Task Attack_AppAllowsUnsafeEval_BundleLoadsWithSriAndNonce_ButEvalIsBlocked()
    {
        await using var site = await StartSiteAsync();

        var (loaded, evalResult, csp) = await LoadAsync(site, "/Browser");

        Assert.AreEqual("loaded", loaded, "the fingerprinted, integrity-checked bundle runs under the strict policy");
        Assert.AreEqual("EvalError", evalResult, "the app's 'unsafe-eval' must not survive into the policy the browser enforces");
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.OrdinalIgnoreCase);
    }

    [TestMethod]
    public async Task Control_WithoutTheMiddleware_TheAppsPolicyAllowsEval()
    {
        // Shows the attack test is not vacuous: this Chromium does run eval under the app's own header.
        await using var site = await StartSiteAsync(useLavaMoatCsp: false);

        var (loaded, evalResult, _) = await LoadAsync(site, "/Browser");

        Assert.AreEqual("loaded", loaded);
        Assert.AreEqual("2", evalResult);
    }

    [TestMethod]
    public async Task WrongIntegrity_TheBrowserRefusesTheBundle()
    {
        // Proves the integrity attribute is enforced, so the passing load above used the right value.
        await using var site = await StartSiteAsync();

        var (loaded, _, _) = await LoadAsync(site, "/Tampered");

        Assert.AreEqual("undefined", loaded);
    }

    private static Task<TestSite> StartSiteAsync(bool useLavaMoatCsp = true) =>
        TestSite.StartAsync(TestSite.AddPages, app =>
        {
            if (useLavaMoatCsp)
            {
                app.UseLavaMoatContentSecurityPolicy(o => o.UseNonce = true);
            }

            // The app's own, weaker policy, set after ours as a later middleware would.
            app.Use((context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-eval'";
                return next(context);
            });
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        });

    private static async Task<(string Loaded, string Eval, string Csp)> LoadAsync(TestSite site, string path)
    {
        var page = await s_browser!.NewPageAsync();
        try
        {
            var response = await page.GotoAsync(new Uri(site.Client.BaseAddress!, path).ToString());
            Assert.IsNotNull(response);
            await page.WaitForLoadStateAsync(LoadState.Load);
            var loaded = await page.EvaluateAsync<string>("() => String(globalThis.lavamoatFixtureApp)");
            var evalResult = await page.EvaluateAsync<string>("() => String(globalThis.lavamoatFixtureEval)");
            return (loaded, evalResult, await response.HeaderValueAsync("content-security-policy") ?? "");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
