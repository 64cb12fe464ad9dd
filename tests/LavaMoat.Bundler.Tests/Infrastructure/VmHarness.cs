using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tests.Infrastructure;

/// <summary>A script for the page, in load order: a bundle file or page-level code.</summary>
internal sealed record PageScript(string Name, string Code)
{
    public static PageScript Inline(string name, string code) => new(name, code);
}

/// <summary>What a page run left behind: <c>report(name, value)</c> calls, console lines and uncaught script errors.</summary>
internal sealed record VmResult(IReadOnlyList<(string Name, JsonElement Value)> Reports, IReadOnlyList<(string Level, string Line)> Logs, IReadOnlyList<(string Script, string Name, string Message)> Errors, string Raw)
{
    public JsonElement Report(string name)
    {
        var matches = Reports.Where(r => r.Name == name).ToList();
        Assert.HasCount(1, matches, $"expected exactly one report named '{name}' in {Raw}");
        return matches[0].Value;
    }

    public string ReportString(string name) => Report(name).ToString();

    public bool HasReport(string name) => Reports.Any(r => r.Name == name);

    public void AssertNoErrors() => Assert.IsEmpty(Errors, "script errors: " + Raw);
}

/// <summary>
/// Runs scripts in a fresh Node <c>vm</c> context with browser-like globals (js/run-bundle.cjs), with code
/// generation from strings disabled as under a CSP without 'unsafe-eval'.
/// </summary>
internal static class VmHarness
{
    public static IReadOnlyList<PageScript> Scripts(BundleOutput bundle)
    {
        var scripts = new List<PageScript>();
        if (bundle.Runtime is not null)
        {
            scripts.Add(new PageScript("runtime.js", bundle.Runtime));
        }
        scripts.Add(new PageScript("bundle.js", bundle.Bundle));
        return scripts;
    }

    public static Task<VmResult> RunAsync(BundleOutput bundle, string? before = null, string? after = null, bool allowEval = false)
    {
        var scripts = new List<PageScript>();
        if (before is not null)
        {
            scripts.Add(PageScript.Inline("before.js", before));
        }
        scripts.AddRange(Scripts(bundle));
        if (after is not null)
        {
            scripts.Add(PageScript.Inline("after.js", after));
        }
        return RunAsync(scripts, allowEval);
    }

    public static async Task<VmResult> RunAsync(IReadOnlyList<PageScript> scripts, bool allowEval = false)
    {
        var dir = TestPaths.NewWorkDir("vm");
        var specScripts = new List<object>();
        for (var i = 0; i < scripts.Count; i++)
        {
            var file = Path.Combine(dir, $"{i:D2}-{scripts[i].Name}");
            await File.WriteAllTextAsync(file, scripts[i].Code, new UTF8Encoding(false)).ConfigureAwait(false);
            specScripts.Add(new { name = scripts[i].Name, file });
        }
        var spec = Path.Combine(dir, "spec.json");
        await File.WriteAllTextAsync(spec, JsonSerializer.Serialize(new { scripts = specScripts, allowEval })).ConfigureAwait(false);
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", [Path.Combine(TestPaths.JsDir, "run-bundle.cjs"), spec], dir).ConfigureAwait(false);
        Assert.AreEqual(0, exit, $"harness failed: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var reports = root.GetProperty("reports").EnumerateArray()
            .Select(r => (r[0].GetString()!, r[1].Clone())).ToList();
        var logs = root.GetProperty("logs").EnumerateArray()
            .Select(l => (l[0].GetString()!, l[1].GetString()!)).ToList();
        var errors = root.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("script").GetString()!, e.GetProperty("name").GetString()!, e.GetProperty("message").GetString()!)).ToList();
        if (Environment.GetEnvironmentVariable("LAVAMOAT_TEST_KEEP") != "1")
        {
            Directory.Delete(dir, recursive: true);
        }
        return new VmResult(reports, logs, errors, stdout);
    }
}
