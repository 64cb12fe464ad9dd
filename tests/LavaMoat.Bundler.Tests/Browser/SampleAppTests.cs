using LavaMoat.Bundler.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LavaMoat.Bundler.Tests.Browser;

/// <summary>
/// The README's sample (samples/markdown-notes: marked, lodash-es, date-fns) built with autopolicy in one build,
/// then its own index.html in Chromium under <c>default-src 'none'; script-src 'self'</c>: the page renders,
/// reacts to typing, and nothing breaks the CSP or throws.
/// </summary>
[TestClass]
public sealed class SampleAppTests
{
    [TestMethod]
    public async Task Markdown_notes_sample_works_under_strict_CSP_after_one_autopolicy_build()
    {
        var sample = Path.Combine(TestPaths.RepoRoot, "samples", "markdown-notes");
        Assert.IsTrue(Directory.Exists(Path.Combine(sample, "node_modules", "marked")), "run npm ci in samples/markdown-notes (test.sh does)");
        var output = TestPaths.NewWorkDir("sample");
        var build = BundlePipeline.Run(new BundleRequest(sample, ["src/main.js"], Path.Combine(output, "dist", "app.js"))
        {
            AutoPolicy = true,
            PolicyPath = Path.Combine(output, "policy.json"),
            PolicyDebugPath = Path.Combine(output, "policy-debug.json"),
        });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));
        // The committed policy is what this build generates: the README's command leaves no diff behind.
        Assert.AreEqual(
            await File.ReadAllTextAsync(Path.Combine(sample, "lavamoat", "browserify", "policy.json")),
            await File.ReadAllTextAsync(Path.Combine(output, "policy.json")));

        await using var server = await CspPageServer.StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = await File.ReadAllTextAsync(Path.Combine(sample, "index.html")),
            ["/dist/app.js"] = await File.ReadAllTextAsync(Path.Combine(output, "dist", "app.js")),
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/lib/chromium/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add("console error: " + message.Text);
            }
        };
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) => {
              document.documentElement.setAttribute('data-csp', (document.documentElement.getAttribute('data-csp') || '') + e.lineNumber + ' ' + e.violatedDirective + ' ' + e.blockedURI + ';');
            });
            """);
        await page.GotoAsync(server.UrlOf("/index.html").ToString());
        // Selector waits run in Playwright's utility world; a page-world function would need eval, which lockdown removed.
        await page.WaitForSelectorAsync("#preview h1");
        Assert.AreEqual("Markdown notes (protected)", await page.TitleAsync());
        Assert.AreEqual("Hello", await page.InnerTextAsync("#preview h1"));
        StringAssert.Matches(await page.InnerTextAsync("#status"), new System.Text.RegularExpressions.Regex(@"^11 words · rendered \d\d:\d\d:\d\d$"));

        await page.FillAsync("#input", "## Typed\n\n- one\n- two");
        await page.WaitForSelectorAsync("#preview h2");
        Assert.AreEqual("Typed", await page.InnerTextAsync("#preview h2"));
        Assert.AreEqual(2, await page.Locator("#preview li").CountAsync());
        StringAssert.StartsWith(await page.InnerTextAsync("#status"), "3 words");

        // SES probes for eval while it initialises (that is how it learns eval is off); any other violation is ours.
        var sesLines = LavaMoat.Bundler.Emit.EmbeddedAssets.Instance.Ses.Count(c => c == '\n') + 1;
        var violations = (await page.GetAttributeAsync("html", "data-csp") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsEmpty(violations.Where(v => int.Parse(v.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) > sesLines), "CSP violations outside the SES shim: " + string.Join("; ", violations));
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }
}
