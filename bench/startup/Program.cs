// Page start-up of built app bundles in Chromium (bench/run.sh runs it on the outputs of bench/measure.mjs).
//
//   dotnet BundleStartupBench.dll --runs 7 --out startup.json name=path/to/main.js [name=...]
//
// Each variant's folder is served by Kestrel on 127.0.0.1 under /<name>/ with the strict CSP the bundles are
// built for (`default-src 'none'; script-src 'self'`), so chunked outputs (webpack's import() chunks) load too.
// The page runs start.js first: it records performance.now() and watches <html> for the app's ready signal
// (the data-app-result attribute the app sets once every check, async ones included, has settled) and records
// performance.now() again at that moment. The figure is the difference: fetching the bundle from localhost,
// parsing, lockdown where there is one, and running the app to its end. start.js runs before any lockdown, so
// its observer and clock are the page's own. Every load gets a fresh browser context (no cache); variants are
// interleaved within each round so machine noise hits all alike; round 0 warms the browser up and is dropped.
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

const string ChromiumPath = "/usr/lib/chromium/chromium";
const string Csp = "default-src 'none'; script-src 'self'";
const string StartScript = """
    (() => {
      const html = document.documentElement;
      html.setAttribute('data-t0', String(performance.now()));
      new MutationObserver(() => {
        if (html.hasAttribute('data-app-result') && !html.hasAttribute('data-t1')) html.setAttribute('data-t1', String(performance.now()));
      }).observe(html, { attributes: true, attributeFilter: ['data-app-result'] });
    })();
    """;

var runs = 7;
string? outPath = null;
var variants = new List<(string Name, string Dir, string Main)>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--out") outPath = args[++i];
    else
    {
        var eq = args[i].IndexOf('=', StringComparison.Ordinal);
        var path = Path.GetFullPath(args[i][(eq + 1)..]);
        variants.Add((args[i][..eq], Path.GetDirectoryName(path)!, Path.GetFileName(path)));
    }
}
if (variants.Count == 0 || !File.Exists(ChromiumPath))
{
    Console.Error.WriteLine($"usage: BundleStartupBench [--runs N] [--out file.json] name=bundle.js ... (needs {ChromiumPath})");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
var byName = variants.ToDictionary(v => v.Name);
app.Run(async context =>
{
    context.Response.Headers.ContentSecurityPolicy = Csp;
    context.Response.Headers.XContentTypeOptions = "nosniff";
    var path = context.Request.Path.Value ?? "";
    if (path == "/start.js")
    {
        await Reply(context, "text/javascript; charset=utf-8", Encoding.UTF8.GetBytes(StartScript));
        return;
    }
    var parts = path.Split('/', 3, StringSplitOptions.RemoveEmptyEntries);
    if (parts.Length == 2 && byName.TryGetValue(parts[0], out var variant))
    {
        if (parts[1] == "index.html")
        {
            // #app and #result are where the real-world app renders and reports.
            var html = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{variant.Name}</title></head><body><div id=\"app\"></div><pre id=\"result\"></pre><script src=\"/start.js\"></script><script src=\"/{variant.Name}/{variant.Main}\"></script></body></html>";
            await Reply(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));
            return;
        }
        // Only plain file names inside the variant's folder: no traversal out of it.
        var file = Path.Combine(variant.Dir, parts[1]);
        if (!parts[1].Contains('/', StringComparison.Ordinal) && !parts[1].Contains("..", StringComparison.Ordinal) && File.Exists(file))
        {
            await Reply(context, "text/javascript; charset=utf-8", await File.ReadAllBytesAsync(file));
            return;
        }
    }
    context.Response.StatusCode = 404;
});
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = ChromiumPath,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

var samples = variants.ToDictionary(v => v.Name, _ => new List<double>());
var outcome = variants.ToDictionary(v => v.Name, _ => "");
for (var run = 0; run <= runs; run++)
{
    for (var k = 0; k < variants.Count; k++)
    {
        var name = variants[(k + run) % variants.Count].Name;
        if (outcome[name].StartsWith("no ready signal", StringComparison.Ordinal)) continue;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        // Errors a bundle catches and logs (a rejected import(), a policy refusal) explain a missing ready signal.
        page.Console += (_, m) =>
        {
            // SES's "Removing intrinsics.…" warnings are routine noise on a newer browser; skip them.
            if (m.Type is "error" or "warning" && !m.Text.StartsWith("Removing intrinsics.", StringComparison.Ordinal)) errors.Add($"console.{m.Type}: {m.Text}");
        };
        await page.GotoAsync($"{baseUrl}/{name}/index.html");
        var html = page.Locator("html[data-t1]");
        try
        {
            // Locators run in Playwright's utility world: nothing here needs the page's eval, which lockdown removes.
            await html.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            outcome[name] = "no ready signal in 60 s; page errors: " + string.Join(" | ", errors.Take(3));
            Console.Error.WriteLine($"{name}: {outcome[name]}");
            continue;
        }
        var t0 = double.Parse((await html.GetAttributeAsync("data-t0"))!, CultureInfo.InvariantCulture);
        var t1 = double.Parse((await html.GetAttributeAsync("data-t1"))!, CultureInfo.InvariantCulture);
        // The <title> element, not page.TitleAsync(), which would evaluate in the page's main world.
        outcome[name] = await page.Locator("head > title").TextContentAsync() ?? "";
        if (outcome[name] != "PASS")
        {
            // Name the failing checks: a FAIL still times start-up, but the report must say the app broke.
            using var result = JsonDocument.Parse((await html.GetAttributeAsync("data-app-result"))!);
            outcome[name] += ": " + string.Join("; ", result.RootElement.GetProperty("checks").EnumerateArray()
                .Where(c => !c[1].GetBoolean()).Select(c => $"{c[0].GetString()}: {c[2].GetString()}"));
        }
        if (run > 0) samples[name].Add(t1 - t0);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(run == 0 ? "warm-up" : $"load {run}")}  {name,-28} {t1 - t0,8:F1} ms  {outcome[name]}"));
    }
}
await app.StopAsync();

var report = variants.Select(v => new { name = v.Name, app = outcome[v.Name], ms = samples[v.Name] }).ToList();
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
if (outPath is null) Console.WriteLine(json);
else await File.WriteAllTextAsync(outPath, json);
return 0;

static async Task Reply(Microsoft.AspNetCore.Http.HttpContext context, string type, byte[] body)
{
    context.Response.ContentType = type;
    await context.Response.Body.WriteAsync(body);
}
