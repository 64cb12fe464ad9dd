using System.Text.Json;
using LavaMoat.Bundler.Tests.Browser;
using LavaMoat.Bundler.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LavaMoat.Bundler.Tests.Apps;

/// <summary>What a page load of the app left behind.</summary>
internal sealed record ChromiumRun(AppReport Report, IReadOnlyList<JsonElement> Violations, IReadOnlyList<string> PageErrors, string Title, string RenderedText);

/// <summary>Runs a built app bundle (one classic script) in Node's vm harness or in Chromium under strict CSP and
/// returns what the app reported.</summary>
internal static class AppRunners
{
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    // Same recorder as ChromiumCspTests: violations land in an attribute, readable without evaluating page script.
    private const string ViolationRecorder = """
        (() => {
          const seen = [];
          document.addEventListener('securitypolicyviolation', (e) => {
            seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, file: e.sourceFile, line: e.lineNumber, column: e.columnNumber, sample: e.sample });
            document.documentElement.setAttribute('data-csp', JSON.stringify(seen));
          });
        })();
        """;

    // #app is where react-dom/client renders; the bundle is the page's only script.
    private const string Page = """
        <!doctype html><html><head><meta charset="utf-8"><title>realworld</title></head>
        <body><div id="app"></div><pre id="result"></pre><script src="/app.js"></script></body></html>
        """;

    /// <summary>The bundle in js/run-bundle.cjs (a vm context with browser stubs, code generation from strings off),
    /// after the web platform shims; the app reports through <c>report('realworld', json)</c>.</summary>
    public static async Task<AppReport> RunInNodeAsync(string bundlePath, TestContext testContext)
    {
        var result = await VmHarness.RunAsync(
        [
            PageScript.Inline("web-platform-shims.js", RealWorldApp.WebPlatformShims),
            new PageScript("app.js", await File.ReadAllTextAsync(bundlePath, testContext.CancellationToken).ConfigureAwait(false)),
        ]).ConfigureAwait(false);
        foreach (var (level, line) in result.Logs)
        {
            testContext.WriteLine($"console.{level}: {line}");
        }
        result.AssertNoErrors();
        Assert.IsTrue(
            result.HasReport("realworld"),
            "the app never reported (its axios and import() checks settle asynchronously: run-bundle.cjs must let promises settle before it prints): " + result.Raw);
        var report = AppReport.Parse(result.ReportString("realworld"));
        testContext.WriteLine(report.Json);
        return report;
    }

    /// <summary>The bundle in Debian's Chromium (Playwright through ExecutablePath; no browser is downloaded), served
    /// by <see cref="CspPageServer"/> with <c>default-src 'none'; script-src 'self'</c>.</summary>
    public static async Task<ChromiumRun> RunInChromiumAsync(string bundlePath, TestContext testContext)
    {
        Assert.IsTrue(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium");
        await using var server = await CspPageServer.StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Page,
            ["/app.js"] = await File.ReadAllTextAsync(bundlePath, testContext.CancellationToken).ConfigureAwait(false),
        }).ConfigureAwait(false);
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        }).ConfigureAwait(false);
        var page = await browser.NewPageAsync().ConfigureAwait(false);
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        page.Console += (_, message) => testContext.WriteLine($"console.{message.Type}: {message.Text}");
        await page.AddInitScriptAsync(ViolationRecorder).ConfigureAwait(false);
        var response = await page.GotoAsync(server.UrlOf("/index.html").ToString()).ConfigureAwait(false);
        Assert.IsNotNull(response);
        Assert.AreEqual(CspPageServer.Csp, await response.HeaderValueAsync("content-security-policy").ConfigureAwait(false));

        // The app sets data-app-result on <html> once every check (the async ones too) has settled. Locators run in
        // Playwright's utility world, so nothing here needs the page's eval, which lockdown has disabled.
        var html = page.Locator("html[data-app-result]");
        try
        {
            await html.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Assert.Fail("the app never reported; page errors: " + string.Join(" | ", pageErrors));
        }
        var report = AppReport.Parse((await html.GetAttributeAsync("data-app-result").ConfigureAwait(false))!);
        var csp = await page.Locator("html").GetAttributeAsync("data-csp").ConfigureAwait(false);
        // page.TitleAsync() would evaluate in the page's main world; the <title> element says the same.
        var title = await page.Locator("head > title").TextContentAsync().ConfigureAwait(false) ?? "";
        // TextContentAsync runs in the utility world; AllTextContentsAsync would evaluate in the page.
        var rendered = await page.Locator("#app").TextContentAsync().ConfigureAwait(false) ?? "";
        await page.CloseAsync().ConfigureAwait(false);

        var violations = new List<JsonElement>();
        if (csp is not null)
        {
            using var doc = JsonDocument.Parse(csp);
            violations.AddRange(doc.RootElement.EnumerateArray().Select(v => v.Clone()));
        }
        testContext.WriteLine($"{report.Json}{Environment.NewLine}violations {JsonSerializer.Serialize(violations)}; errors {string.Join(" | ", pageErrors)}");
        return new ChromiumRun(report, violations, pageErrors, title, rendered);
    }
}
