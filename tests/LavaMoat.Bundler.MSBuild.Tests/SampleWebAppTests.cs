using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>
/// The README's main job: samples/LavaMoat.Sample.Web, a Razor Pages app whose npm code `dotnet build` bundles with
/// the task (from this checkout), served under the strict CSP of LavaMoat.Bundler.AspNetCore and driven in Debian's
/// Chromium: the page renders, validates, adds and sorts notes, and nothing breaks the CSP or throws.
/// </summary>
[TestClass]
public sealed partial class SampleWebAppTests
{
    private const string ChromiumPath = "/usr/lib/chromium/chromium";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Sample_app_built_by_dotnet_build_works_in_Chromium_under_strict_CSP()
    {
        var sample = Path.Combine(Dotnet.RepoRoot, "samples", "LavaMoat.Sample.Web");
        var policyFile = Path.Combine(sample, "lavamoat", "browserify", "policy.json");
        var committedPolicy = await File.ReadAllTextAsync(policyFile, TestContext.CancellationToken);

        // In place and in Release, as ./test.sh builds the solution: the task assembly the sample points at is there.
        Dotnet.Run(sample, TimeSpan.FromMinutes(8), "build", "-c", "Release").Succeeded("dotnet build of the sample");
        Assert.IsTrue(File.Exists(Path.Combine(sample, "obj", "Release", "net10.0", "lavamoat", "app.bundle.js")), "the bundle goes under obj/");
        Assert.AreEqual(committedPolicy, await File.ReadAllTextAsync(policyFile, TestContext.CancellationToken), "the committed policy is what the build generates");

        using var app = await Dotnet.ServeAsync(sample, "Development", "run", "--no-build", "-c", "Release", "--no-launch-profile");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
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
        // Recorded on an attribute: reading page state through evaluate() needs eval, which lockdown removes.
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) => {
              const seen = document.documentElement.getAttribute('data-csp') || '';
              document.documentElement.setAttribute('data-csp', seen + e.sourceFile + ':' + e.lineNumber + ' ' + e.violatedDirective + ';');
            });
            """);

        var response = await page.GotoAsync(new Uri(app.BaseUri, "/").ToString());
        var csp = response!.Headers["content-security-policy"];
        StringAssert.Contains(csp, "script-src 'self'");
        StringAssert.Contains(csp, "object-src 'none'");
        Assert.DoesNotContain("unsafe-eval", csp);

        // The tag helper wrote the fingerprinted bundle with integrity and the request's nonce (read from the HTML as
        // sent: browsers hide nonce values from the DOM).
        var script = page.Locator("script[integrity]");
        StringAssert.Matches(await script.GetAttributeAsync("src"), BundleRoute());
        StringAssert.StartsWith(await script.GetAttributeAsync("integrity"), "sha256-");
        var nonce = NonceAttribute().Match(await response.TextAsync()).Groups[1].Value.Replace("&#x2B;", "+", StringComparison.Ordinal);
        StringAssert.Contains(csp, $"'nonce-{nonce}'");

        await page.WaitForSelectorAsync("html[data-ready='true']");
        Assert.AreEqual("Hello", await page.Locator("#note-preview h1").InnerTextAsync());
        Assert.AreEqual("0 notes", await page.Locator("#note-count").InnerTextAsync());

        // zod refuses an empty title; the form shows its message and adds nothing.
        await page.ClickAsync("#note-add");
        Assert.AreEqual("Give the note a title", await page.Locator("#note-error").InnerTextAsync());
        Assert.AreEqual(0, await page.Locator("#notes li").CountAsync());

        await page.FillAsync("#note-body", "## Typed\n\n- one\n- two");
        await page.WaitForSelectorAsync("#note-preview h2");
        Assert.AreEqual(2, await page.Locator("#note-preview li").CountAsync());

        foreach (var title in new[] { "zebra <b>", "Alpha" })
        {
            await page.FillAsync("#note-title", title);
            await page.ClickAsync("#note-add");
        }

        await page.WaitForSelectorAsync("#notes li:nth-child(2)");
        Assert.AreEqual("2 notes", await page.Locator("#note-count").InnerTextAsync());
        // lodash sorted them and escaped the markup in the title; date-fns formatted the time; uuid named them.
        var items = page.Locator("#notes li");
        Assert.AreEqual("Alpha", await items.Nth(0).Locator("strong").InnerTextAsync());
        Assert.AreEqual("zebra <b>", await items.Nth(1).Locator("strong").InnerTextAsync());
        StringAssert.Matches(await items.Nth(0).Locator("time").InnerTextAsync(), NoteTime());
        StringAssert.Matches(await items.Nth(0).GetAttributeAsync("data-id"), Uuid());

        // SES probes for eval while it initialises (that is how it learns eval is off); nothing else may be refused.
        var sesLines = File.ReadAllText(Path.Combine(Dotnet.RepoRoot, "runtime-js", "node_modules", "ses", "dist", "ses.umd.min.js")).Count(c => c == '\n') + 1;
        var violations = (await page.Locator("html").GetAttributeAsync("data-csp") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var ours = violations.Where(v => !v.Contains("app.bundle", StringComparison.Ordinal) || LineOf(v) > sesLines).ToList();
        Assert.IsEmpty(ours, "CSP violations outside the SES shim: " + string.Join("; ", violations));
        Assert.IsEmpty(problems, string.Join("\n", problems) + "\n" + app.Output);
    }

    private static int LineOf(string violation) =>
        int.Parse(violation[(violation.LastIndexOf(':', violation.IndexOf(' ', StringComparison.Ordinal)) + 1)..violation.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^/app\.bundle\.[a-z0-9]+\.js$")]
    private static partial Regex BundleRoute();

    [GeneratedRegex("<script [^>]*nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")]
    private static partial Regex NoteTime();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();
}
