// Page start-up of built app bundles in Chromium (bench/run.sh runs it on the outputs of bench/measure.mjs).
//
//   dotnet BundleStartupBench.dll --runs 7 --out startup.json [--profile name,name] name=path/to/main.js [name=...]
//
// --profile: after the timed loads, one more load of each named variant under Chromium's sampling CPU profiler
// (DevTools protocol, 100 µs), its samples summed by where they ran: the page's (program) time (parsing and
// compiling included), the garbage collector, and script time per file; for a LavaMoat.Bundler bundle, script
// time before its module table (the SES shim and our kernel: lockdown, compartments) apart from module code.
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
var profiled = new HashSet<string>(StringComparer.Ordinal);
var variants = new List<(string Name, string Dir, string Main)>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--out") outPath = args[++i];
    else if (args[i] == "--profile") profiled.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries));
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
var profiles = new Dictionary<string, Dictionary<string, double>>();
foreach (var variant in variants.Where(v => profiled.Contains(v.Name) && samples[v.Name].Count > 0))
{
    await using var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    var cdp = await context.NewCDPSessionAsync(page);
    await cdp.SendAsync("Profiler.enable");
    await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 100 });
    await cdp.SendAsync("Profiler.start");
    await page.GotoAsync($"{baseUrl}/{variant.Name}/index.html");
    await page.Locator("html[data-t1]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
    var stopped = await cdp.SendAsync("Profiler.stop");
    profiles[variant.Name] = Buckets(stopped!.Value.GetProperty("profile"), variant, ModuleTableLine(Path.Combine(variant.Dir, variant.Main)));
    Console.Error.WriteLine($"profile  {variant.Name,-28} " + string.Join(", ", profiles[variant.Name].Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key} {b.Value:F0} ms"))));
}

await app.StopAsync();

var report = variants.Select(v => new { name = v.Name, app = outcome[v.Name], ms = samples[v.Name], profile = profiles.GetValueOrDefault(v.Name) }).ToList();
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
if (outPath is null) Console.WriteLine(json);
else await File.WriteAllTextAsync(outPath, json);
return 0;

// Self time per bucket, from the profile's nodes (call frames) and its samples with their time deltas.
static Dictionary<string, double> Buckets(JsonElement profile, (string Name, string Dir, string Main) variant, int moduleTableLine)
{
    var bucketOf = new Dictionary<int, string>();
    var functionOf = new Dictionary<int, string>();
    foreach (var node in profile.GetProperty("nodes").EnumerateArray())
    {
        var frame = node.GetProperty("callFrame");
        var function = frame.GetProperty("functionName").GetString() ?? "";
        var url = frame.GetProperty("url").GetString() ?? "";
        var line = frame.GetProperty("lineNumber").GetInt32();
        functionOf[node.GetProperty("id").GetInt32()] = (function.Length == 0 ? "(anonymous)" : function) + ":" + (line + 1);
        bucketOf[node.GetProperty("id").GetInt32()] = url.Length == 0
            ? function switch { "(program)" => "(program): parse, compile, VM", "(garbage collector)" => "garbage collector", "(idle)" => "idle", "(root)" => "idle", _ => "other native" }
            : url.EndsWith("/start.js", StringComparison.Ordinal) ? "start.js"
            : !url.EndsWith("/" + variant.Main, StringComparison.Ordinal) ? "other scripts (chunks)"
            : moduleTableLine < 0 ? "bundle code"
            : line < moduleTableLine ? "SES shim + kernel" : "module code";
    }

    var buckets = new Dictionary<string, double>(StringComparer.Ordinal);
    var runtimeFunctions = new Dictionary<string, double>(StringComparer.Ordinal);
    var ids = profile.GetProperty("samples").EnumerateArray().Select(x => x.GetInt32()).ToList();
    var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(x => x.GetDouble()).ToList();
    // A sample's delta is the time since the previous sample, so it is charged to the previous sample's node.
    for (var i = 1; i < ids.Count; i++)
    {
        var bucket = bucketOf[ids[i - 1]];
        buckets[bucket] = buckets.GetValueOrDefault(bucket) + deltas[i] / 1000.0;
        if (bucket == "SES shim + kernel")
        {
            var function = functionOf[ids[i - 1]];
            runtimeFunctions[function] = runtimeFunctions.GetValueOrDefault(function) + deltas[i] / 1000.0;
        }
    }

    // The heaviest functions of the runtime, by self time: where its share goes (lockdown, scope proxies, …).
    foreach (var (function, ms) in runtimeFunctions.OrderByDescending(f => f.Value).Take(8))
    {
        buckets["  runtime: " + function] = ms;
    }

    buckets.Remove("idle");
    return buckets.OrderBy(b => b.Key.StartsWith("  ", StringComparison.Ordinal)).ThenByDescending(b => b.Value).ToDictionary(b => b.Key, b => Math.Round(b.Value, 1));
}

// The 0-based line where a LavaMoat.Bundler bundle's module table starts (templates/bundle-shell.js: the API call
// that loads the table follows the runtime at the start of a line), or -1 for any other bundle.
static int ModuleTableLine(string bundle)
{
    var text = File.ReadAllText(bundle);
    var at = text.IndexOf("\nLavaMoatBundler.loadBundle([", StringComparison.Ordinal);
    return at < 0 ? -1 : text.AsSpan(0, at + 1).Count('\n');
}

static async Task Reply(Microsoft.AspNetCore.Http.HttpContext context, string type, byte[] body)
{
    context.Response.ContentType = type;
    await context.Response.Body.WriteAsync(body);
}
