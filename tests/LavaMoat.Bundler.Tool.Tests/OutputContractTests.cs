using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.Tool.Tests;

/// <summary>
/// What goes to stdout and stderr, and the exit code, for each format: driven in process with a stand-in pipeline
/// so the contract is checked independently of what the real build produces.
/// </summary>
[TestClass]
public sealed partial class OutputContractTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "lmb-contract", "app");

    private static readonly string Cwd = Path.Combine(Root, "src");

    private static readonly BuildDiagnostic Missing = new("LMB2001", DiagnosticSeverity.Error, "Cannot find module './nope'", "src/index.js", 3, 9,
        ["looked at src/nope", "looked at src/nope.js"]);

    private static readonly BuildDiagnostic Builtin = new("LMB2101", DiagnosticSeverity.Warning, "'fs' is a Node builtin: replaced by an empty module", "node_modules/x/a.js", 1, 12);

    private static readonly BuildDiagnostic NoFile = new("LMB4001", DiagnosticSeverity.Warning, "no policy file; bundling with an empty policy");

    private static readonly ImmutableArray<string> Written = [Path.Combine(Root, "dist", "app.js"), Path.Combine(Root, "dist", "app.js.map")];

    private static BundleResult Succeeded(params BuildDiagnostic[] diagnostics) =>
        new([.. diagnostics], Written, new BundleStats(12, 4, 61234, TimeSpan.FromMilliseconds(420)), []);

    private static BundleResult Failed() => new([Missing, Builtin], [], BundleStats.None, []);

    private sealed record Run(int ExitCode, string Stdout, string Stderr, BundleRequest? Request);

    private static Run Execute(OutputFormat format, Func<BundleRequest, CancellationToken, BundleResult> pipeline, CancellationToken cancellation = default)
    {
        var request = new BundleRequest(Root, [Path.Combine(Root, "src", "index.js")], Path.Combine(Root, "dist", "app.js"));
        BundleRequest? seen = null;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = BundleCommand.Execute(new BundleInvocation(request, format, Cwd), (r, c) =>
        {
            seen = r;
            return pipeline(r, c);
        }, stdout, stderr, cancellation);
        return new Run(exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"), seen);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // MSBuild's canonical error/warning pattern (Microsoft.Build.Shared.CanonicalError), as Exec applies it to every line.
    [GeneratedRegex(@"^\s*(((?<ORIGIN>(((\d+>)?[a-zA-Z]?:[^:]*)|([^:]*))):)|())(?<SUBCATEGORY>(()|([^:]*? )))(?<CATEGORY>(error|warning))( \s*(?<CODE>[^: ]*))?\s*:(?<TEXT>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CanonicalMessage();

    [TestMethod]
    public void Text_prints_progress_diagnostics_and_summary_on_stderr_and_written_files_on_stdout()
    {
        var run = Execute(OutputFormat.Text, (_, _) => Succeeded(Builtin, NoFile));

        Assert.AreEqual(0, run.ExitCode, "warnings do not fail the build");
        Assert.AreEqual("../dist/app.js\n../dist/app.js.map\n", run.Stdout, "paths relative to the current directory");
        var lines = Lines(run.Stderr);
        Assert.AreEqual("lavamoat-bundle: bundling index.js into ../dist/app.js", lines[0]);
        Assert.AreEqual("../node_modules/x/a.js(1,12): warning LMB2101: 'fs' is a Node builtin: replaced by an empty module", lines[1]);
        Assert.AreEqual("warning LMB4001: no policy file; bundling with an empty policy", lines[2]);
        Assert.AreEqual("lavamoat-bundle: 12 modules, 4 packages, 61234 bytes in 0.42 s (2 warnings)", lines[3]);
        Assert.HasCount(4, lines);
    }

    [TestMethod]
    public void Text_failure_prints_located_errors_with_indented_details_and_exits_1()
    {
        var run = Execute(OutputFormat.Text, (_, _) => Failed());

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual("", run.Stdout, "a failed build writes nothing, so lists nothing");
        StringAssert.Contains(run.Stderr, "index.js(3,9): error LMB2001: Cannot find module './nope'\n    looked at src/nope\n    looked at src/nope.js\n");
        StringAssert.Matches(run.Stderr, new Regex(@"lavamoat-bundle: build failed with 1 error and 1 warning in \d+\.\d\d s\n$"));
    }

    [TestMethod]
    public void Msbuild_uses_full_paths_and_only_diagnostics_read_as_canonical_messages()
    {
        var run = Execute(OutputFormat.MSBuild, (_, _) => Failed());

        Assert.AreEqual(1, run.ExitCode);
        var lines = Lines(run.Stderr);
        Assert.AreEqual($"{Path.Combine(Root, "src/index.js")}(3,9): error LMB2001: Cannot find module './nope'", lines[0]);
        Assert.AreEqual($"{Path.Combine(Root, "node_modules/x/a.js")}(1,12): warning LMB2101: 'fs' is a Node builtin: replaced by an empty module", lines[3]);
        var canonical = lines.Where(l => CanonicalMessage().IsMatch(l)).ToList();
        Assert.HasCount(2, canonical, "the progress-free output's summary must not count as another error: " + string.Join("\n", canonical));
        Assert.IsFalse(run.Stderr.Contains("bundling", StringComparison.Ordinal), "no progress line for machines");
    }

    [TestMethod]
    public void Msbuild_success_lists_full_paths_on_stdout()
    {
        var run = Execute(OutputFormat.MSBuild, (_, _) => Succeeded());

        Assert.AreEqual(0, run.ExitCode);
        Assert.AreEqual(string.Join("\n", Written) + "\n", run.Stdout);
        Assert.AreEqual("lavamoat-bundle: 12 modules, 4 packages, 61234 bytes in 0.42 s\n", run.Stderr);
        Assert.IsFalse(CanonicalMessage().IsMatch(Lines(run.Stderr)[0]));
    }

    [TestMethod]
    public void Json_is_one_document_on_stdout_and_only_the_summary_goes_to_stderr()
    {
        var run = Execute(OutputFormat.Json, (_, _) => Failed());

        Assert.AreEqual(1, run.ExitCode);
        Assert.HasCount(1, Lines(run.Stderr));
        StringAssert.StartsWith(run.Stderr, "lavamoat-bundle: build failed with 1 error and 1 warning");
        using var json = JsonDocument.Parse(run.Stdout);
        var doc = json.RootElement;
        Assert.IsFalse(doc.GetProperty("success").GetBoolean());
        Assert.AreEqual(Root, doc.GetProperty("projectRoot").GetString());
        var first = doc.GetProperty("diagnostics")[0];
        Assert.AreEqual("LMB2001", first.GetProperty("code").GetString());
        Assert.AreEqual("error", first.GetProperty("severity").GetString());
        Assert.AreEqual("Cannot find module './nope'", first.GetProperty("message").GetString());
        Assert.AreEqual(Path.Combine(Root, "src/index.js"), first.GetProperty("file").GetString());
        Assert.AreEqual(3, first.GetProperty("line").GetInt32());
        Assert.AreEqual(9, first.GetProperty("column").GetInt32());
        CollectionAssert.AreEqual(new[] { "looked at src/nope", "looked at src/nope.js" },
            first.GetProperty("details").EnumerateArray().Select(d => d.GetString()).ToArray());
        var second = doc.GetProperty("diagnostics")[1];
        Assert.AreEqual("warning", second.GetProperty("severity").GetString());
        Assert.AreEqual(0, second.GetProperty("details").GetArrayLength());
        Assert.AreEqual(0, doc.GetProperty("files").GetArrayLength());
        Assert.AreEqual(0, doc.GetProperty("stats").GetProperty("modules").GetInt32());
    }

    [TestMethod]
    public void Json_success_has_files_stats_and_a_null_file_for_unlocated_diagnostics()
    {
        var run = Execute(OutputFormat.Json, (_, _) => Succeeded(NoFile));

        Assert.AreEqual(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var doc = json.RootElement;
        Assert.IsTrue(doc.GetProperty("success").GetBoolean());
        Assert.AreEqual(JsonValueKind.Null, doc.GetProperty("diagnostics")[0].GetProperty("file").ValueKind);
        CollectionAssert.AreEqual(Written.ToArray(), doc.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToArray());
        var stats = doc.GetProperty("stats");
        Assert.AreEqual(12, stats.GetProperty("modules").GetInt32());
        Assert.AreEqual(4, stats.GetProperty("packages").GetInt32());
        Assert.AreEqual(61234, stats.GetProperty("bytes").GetInt64());
        Assert.AreEqual(420, stats.GetProperty("elapsedMs").GetDouble());
        Assert.AreEqual("lavamoat-bundle: 12 modules, 4 packages, 61234 bytes in 0.42 s (1 warning)\n", run.Stderr);
    }

    [TestMethod]
    public void Cancellation_exits_130_with_one_line()
    {
        using var cts = new CancellationTokenSource();
        var run = Execute(OutputFormat.Text, (_, token) =>
        {
            cts.Cancel();
            token.ThrowIfCancellationRequested();
            return Succeeded();
        }, cts.Token);

        Assert.AreEqual(130, run.ExitCode);
        Assert.AreEqual("", run.Stdout);
        StringAssert.EndsWith(run.Stderr, "lavamoat-bundle: cancelled\n");
    }

    [TestMethod]
    public void An_unexpected_exception_is_an_internal_error_without_a_stack_trace()
    {
        var run = Execute(OutputFormat.Text, (_, _) => throw new InvalidOperationException("the graph lost a module"));

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.Contains(run.Stderr, "lavamoat-bundle: internal error: InvalidOperationException: the graph lost a module");
        Assert.IsFalse(run.Stderr.Contains("   at ", StringComparison.Ordinal));
    }

    [TestMethod]
    public void An_operation_cancelled_without_a_cancel_request_is_an_internal_error_not_130()
    {
        var run = Execute(OutputFormat.Text, (_, _) => throw new OperationCanceledException());

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.Contains(run.Stderr, "internal error");
    }

    [TestMethod]
    public void The_request_reaches_the_pipeline_unchanged()
    {
        var run = Execute(OutputFormat.Text, (_, _) => Succeeded());

        Assert.AreEqual(Root, run.Request!.ProjectRoot);
        Assert.AreEqual(Path.Combine(Root, "dist", "app.js"), run.Request.OutputPath);
    }
}
