// Page start-up cost of the protected runtime in Chromium (not a test: it prints figures).
//
//   dotnet run --project bench/runtime -c Release -- [--runs 11] [--packages 60] [--modules-per-package 5]
//
// Pages are served by Kestrel on 127.0.0.1 with `default-src 'none'; script-src 'self'`. Each page loads
// start.js (records performance.now()), the bundle, then end.js (records it again); the figure is end - start:
// fetching from localhost, parsing and running the bundle. Every load uses a fresh browser context (no cache).
using System.Globalization;
using System.Text;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

var runs = Option("--runs", 11);
var packages = Option("--packages", 60);
var perPackage = Option("--modules-per-package", 5);

var writer = new BundleWriter();
var options = new BundleOptions { SourceMap = SourceMapMode.None };

// Variants: the runtime alone; the runtime with N package compartments (one tiny module each); a bundle of
// packages x modulesPerPackage realistic modules, protected and unprotected.
var runtimeOnly = writer.Write(new BundleInput([Module(1, "$root$", "src/index.js", "void 0;", [])], [1], LavaMoatPolicy.Empty, options)).Bundle;
var (tinyModules, tinyPolicy) = Graph(packages, 1, tiny: true);
var compartments = writer.Write(new BundleInput(tinyModules, [1], tinyPolicy, options)).Bundle;
var (bigModules, bigPolicy) = Graph(packages, perPackage, tiny: false);
var protectedBundle = writer.Write(new BundleInput(bigModules, [1], bigPolicy, options)).Bundle;
var plainBundle = Unprotected(bigModules);
// SES and lockdown() alone (the shim is the first part of every runtime), to separate SES's cost from ours.
var sesOnly = runtimeOnly[..runtimeOnly.IndexOf("\n;\n// LavaMoat.Bundler runtime kernel", StringComparison.Ordinal)]
    + "\n;lockdown({ evalTaming: 'no-eval', errorTaming: 'unsafe', stackFiltering: 'verbose', overrideTaming: 'severe', localeTaming: 'unsafe' });\n";

string[] Variants = ["lockdown-only", "runtime-only", "compartments", "protected", "unprotected"];
var files = new Dictionary<string, string>
{
    ["/start.js"] = "document.documentElement.dataset.t0 = String(performance.now());",
    ["/end.js"] = "document.documentElement.dataset.t1 = String(performance.now());",
    ["/lockdown-only.js"] = sesOnly,
    ["/runtime-only.js"] = runtimeOnly,
    ["/compartments.js"] = compartments,
    ["/protected.js"] = protectedBundle,
    ["/unprotected.js"] = plainBundle,
};
foreach (var name in Variants)
{
    files[$"/{name}.html"] = $"<!doctype html><meta charset=utf-8><title>{name}</title><script src=/start.js></script><script src=/{name}.js></script><script src=/end.js></script>";
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
app.Run(async context =>
{
    context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'";
    if (!files.TryGetValue(context.Request.Path.Value ?? "", out var body))
    {
        context.Response.StatusCode = 404;
        return;
    }
    context.Response.ContentType = context.Request.Path.Value!.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8";
    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
});
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/lib/chromium/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

var results = new Dictionary<string, List<double>>();
for (var run = -1; run < runs; run++) // run -1 warms up the browser and is not counted
{
    foreach (var name in Variants)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/{name}.html");
        var t0 = await page.Locator("html").GetAttributeAsync("data-t0");
        var t1 = await page.Locator("html").GetAttributeAsync("data-t1");
        if (t1 is null)
        {
            throw new InvalidOperationException($"{name}: the bundle did not run to the end");
        }
        if (run >= 0)
        {
            (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(
                double.Parse(t1, CultureInfo.InvariantCulture) - double.Parse(t0!, CultureInfo.InvariantCulture));
        }
    }
}
await app.StopAsync();

Console.WriteLine($"Chromium start-up, {runs} loads each (ms from start.js to end.js: fetch from 127.0.0.1 + parse + run)");
Console.WriteLine($"modules: {bigModules.Count} in {packages} packages; protected bundle {protectedBundle.Length / 1024} KiB, unprotected {plainBundle.Length / 1024} KiB");
foreach (var (name, list) in results)
{
    list.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-14} median {list[list.Count / 2],7:F1}  min {list[0],7:F1}  max {list[^1],7:F1}"));
}
var ratio = results["protected"][runs / 2] / results["unprotected"][runs / 2];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"protected / unprotected (medians): {ratio:F1}x"));
return 0;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static ModuleRecord Module(int id, string package, string file, string code, IEnumerable<(string, int)> deps) =>
    new(id, package, file, deps.ToDictionary(d => d.Item1, d => d.Item2), code, null);

// A root that requires every package; each package's index requires its other modules. Package modules read
// the granted globals so endowments are exercised.
static (List<ModuleRecord>, LavaMoatPolicy) Graph(int packages, int perPackage, bool tiny)
{
    var modules = new List<ModuleRecord>();
    var resources = new Dictionary<string, PackagePolicy>();
    var rootDeps = new List<(string, int)>();
    var id = 2;
    for (var p = 0; p < packages; p++)
    {
        var name = $"pkg{p}";
        var indexId = id++;
        rootDeps.Add((name, indexId));
        var internalDeps = new List<(string, int)>();
        for (var m = 1; m < perPackage; m++)
        {
            var moduleId = id++;
            internalDeps.Add(($"./m{m}", moduleId));
            modules.Add(Module(moduleId, name, $"node_modules/{name}/m{m}.js", tiny ? "exports.x = 1;" : Body(p, m), []));
        }
        var index = string.Concat(internalDeps.Select(d => $"exports['{d.Item1}'] = require('{d.Item1}');\n"))
            + (tiny ? "exports.ok = typeof document;" : Body(p, 0));
        modules.Add(Module(indexId, name, $"node_modules/{name}/index.js", index, internalDeps));
        resources[name] = new PackagePolicy(
            new Dictionary<string, GlobalAccess> { ["document.createElement"] = GlobalAccess.Read, ["navigator.userAgent"] = GlobalAccess.Read, ["setTimeout"] = GlobalAccess.Read },
            new Dictionary<string, bool>(),
            new Dictionary<string, bool>());
    }
    var root = string.Concat(rootDeps.Select(d => $"require('{d.Item1}');\n"));
    modules.Insert(0, Module(1, "$root$", "src/index.js", root, rootDeps));
    return (modules, new LavaMoatPolicy(resources));
}

// About 40 lines of ordinary library code.
static string Body(int p, int m) => $$"""
    'use strict';
    const name = 'pkg{{p}}/m{{m}}';
    function Widget(options) {
      this.options = Object.assign({ size: {{m}}, tag: 'div' }, options);
      this.children = [];
    }
    Widget.prototype.add = function add(child) {
      this.children.push(child);
      return this;
    };
    Widget.prototype.render = function render() {
      const out = [];
      for (let i = 0; i < this.children.length; i++) {
        out.push(String(this.children[i]).toUpperCase());
      }
      return '<' + this.options.tag + '>' + out.join('') + '</' + this.options.tag + '>';
    };
    class Store {
      constructor() { this.map = new Map(); }
      get(key) { return this.map.has(key) ? this.map.get(key) : undefined; }
      set(key, value) { this.map.set(key, value); return this; }
      toJSON() { return Object.fromEntries(this.map); }
    }
    const table = {};
    for (let i = 0; i < 20; i++) {
      table['k' + i] = i * {{m + 1}};
    }
    const agent = typeof navigator !== 'undefined' && navigator.userAgent ? 'ua' : 'none';
    const store = new Store().set('name', name).set('agent', agent);
    module.exports = Object.assign(module.exports || {}, {
      Widget,
      Store,
      table,
      store,
      describe() { return JSON.stringify({ name, size: Object.keys(table).length, store }); },
    });
    """;

// The same modules with no protection: plain CommonJS functions and a minimal loader.
static string Unprotected(IReadOnlyList<ModuleRecord> modules)
{
    var text = new StringBuilder("(function () {\nvar defs = {\n");
    foreach (var module in modules)
    {
        var deps = string.Join(",", module.Dependencies.Select(d => $"\"{d.Key}\":{d.Value}"));
        text.Append(CultureInfo.InvariantCulture, $"{module.Id}: [function (require, module, exports) {{\n{module.Code}\n}}, {{{deps}}}],\n");
    }
    text.Append("};\nvar cache = {};\nfunction load(id) {\n  if (cache[id]) return cache[id].exports;\n  var m = cache[id] = { exports: {} };\n  var d = defs[id];\n");
    text.Append("  d[0].call(m.exports, function (s) { return load(d[1][s]); }, m, m.exports);\n  return m.exports;\n}\nload(1);\n})();\n");
    return text.ToString();
}
