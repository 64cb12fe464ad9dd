using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>
/// The <c>test262-parser-tests</c> npm suite (pinned in tests/package.json): every <c>pass/</c> (and
/// <c>pass-explicit/</c>) file parses to acorn's tree for the same file; every <c>fail/</c> and <c>early/</c>
/// file is rejected with a located syntax error. <c>*.module.js</c> files are modules, the rest scripts.
/// One test per folder, each reporting all its failures grouped by kind, is far faster than a test per file.
/// Exceptions live in <c>test262-exceptions.txt</c> beside this file.
/// </summary>
[TestClass]
public sealed class Test262ParserTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Exceptions = new(LoadExceptions);

    private static string SuiteDir => RepoPaths.Package("test262-parser-tests");

    private static string ExceptionsPath =>
        Path.Combine(RepoPaths.TestsDir, "LavaMoat.Bundler.Syntax.Tests", "Conformance", "test262-exceptions.txt");

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void Pass_files_parse_to_acorns_tree() => AssertMatchesAcorn("pass");

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void PassExplicit_files_parse_to_acorns_tree() => AssertMatchesAcorn("pass-explicit");

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void Fail_files_are_rejected() => AssertRejected("fail");

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void Early_files_are_rejected() => AssertRejected("early");

    [TestMethod]
    public void Exceptions_file_is_well_formed_and_within_one_percent()
    {
        var exceptions = Exceptions.Value;
        var suiteSize = Files("pass").Count + Files("fail").Count + Files("early").Count;
        foreach (var (path, reason) in exceptions)
        {
            Assert.IsTrue(File.Exists(Path.Combine(SuiteDir, path)), $"{path} is listed in test262-exceptions.txt but is not in the suite.");
            Assert.IsFalse(string.IsNullOrWhiteSpace(reason), $"{path} has no reason in test262-exceptions.txt.");
            Assert.IsFalse(path.StartsWith("pass", StringComparison.Ordinal) && IsValidMark(reason), $"{path}: \"valid:\" is for fail/early files only.");
        }

        Assert.IsLessThanOrEqualTo(
            suiteSize / 100,
            exceptions.Count,
            $"test262-exceptions.txt lists {exceptions.Count} files; at most 1% of the {suiteSize}-file suite may be excepted.");
    }

    /// <summary>The suite's files in one folder, ordinal order, with their goal.</summary>
    public static IReadOnlyList<(string Id, string FullPath, SourceType Goal)> Files(string dir) =>
        Directory.GetFiles(Path.Combine(SuiteDir, dir), "*.js")
            .Select(path => (Id: $"{dir}/{Path.GetFileName(path)}", FullPath: path,
                Goal: path.EndsWith(".module.js", StringComparison.Ordinal) ? SourceType.Module : SourceType.Script))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    private static void AssertMatchesAcorn(string dir)
    {
        var files = Files(dir);
        var cases = ToAcornCases(files);
        var held = cases.Where(c => !Exceptions.Value.ContainsKey(c.Id)).ToList();
        var excepted = cases.Where(c => Exceptions.Value.ContainsKey(c.Id)).ToList();

        // acorn accepts every pass file (checked when this harness was written); if a new acorn did not,
        // that is a finding in itself and shows up as "we accept invalid code" or a verdict mismatch below.
        var report = AcornComparer.Compare($"test262 {dir}", held);
        // An excepted file that now matches acorn must leave the list (the set is small: compare one by one).
        foreach (var id in excepted.Where(c => AcornComparer.Compare(c.Id, [c]).Count == 0).Select(c => c.Id))
        {
            report.Add("stale exception (now matches acorn: remove it from test262-exceptions.txt)", id, 0);
        }

        if (report.Count > 0)
        {
            Assert.Fail(report.Render(files.Count));
        }
    }

    private static void AssertRejected(string dir)
    {
        var files = Files(dir);
        var cases = ToAcornCases(files);
        var report = new MismatchReport($"test262 {dir}");
        var mustBeValid = new List<AcornCase>();
        foreach (var item in cases)
        {
            var excepted = Exceptions.Value.TryGetValue(item.Id, out var reason);
            if (excepted && IsValidMark(reason!))
            {
                mustBeValid.Add(item);
                continue;
            }

            var source = SourceText.Read(item.Request.FullPath);
            var outcome = ParseRunner.Parse(source, AcornComparer.GoalOf(item.Acorn));
            var acornSays = item.Acorn.Ok ? "acorn accepts it too" : "acorn rejects it";
            if (outcome.Crash is not null || outcome.TimedOut)
            {
                report.Add(outcome.TimedOut ? "TIMEOUT" : $"CRASH {outcome.Crash!.GetType().Name}", $"{item.Id}: {outcome.Describe()}\n  source: {Preview(source)}", source.Length);
            }
            else if (outcome.Tree is not null && !excepted)
            {
                report.Add(
                    $"we accept invalid code ({acornSays})",
                    $"{item.Id}: acorn: {item.Acorn.Error?.Message ?? "accepts"}\n  source: {Preview(source)}",
                    source.Length);
            }
            else if (outcome.SyntaxError is { } error && (error.Index < 0 || error.Index > source.Length || error.Line < 1 || error.Column < 0))
            {
                report.Add("syntax error with a position outside the text", $"{item.Id}: {error.Message} index {error.Index}", source.Length);
            }
            else if (outcome.Tree is null && excepted)
            {
                report.Add("stale exception (now rejected: remove it from test262-exceptions.txt)", $"{item.Id}: {reason}", source.Length);
            }
        }

        // Files the suite calls invalid but ECMAScript 2025 (and acorn, and browsers) accept: same tree as acorn's.
        var valid = AcornComparer.Compare($"test262 {dir} (valid in ES2025)", mustBeValid);
        foreach (var (category, count) in valid.Categories())
        {
            report.Add($"file marked valid: in test262-exceptions.txt: {category}", $"{count} file(s); see the full report of test262 {dir} (valid in ES2025)", 0);
        }

        if (valid.Count > 0)
        {
            valid.Render(mustBeValid.Count);
        }

        if (report.Count > 0)
        {
            Assert.Fail(report.Render(files.Count));
        }
    }

    private static List<AcornCase> ToAcornCases(IReadOnlyList<(string Id, string FullPath, SourceType Goal)> files)
    {
        var requests = files.Select(f => new AcornRequest(f.FullPath, f.Goal == SourceType.Module ? AcornMode.Module : AcornMode.Script)).ToList();
        var results = AcornOracle.Dump(requests);
        return files.Select((f, i) => new AcornCase(f.Id, requests[i], results[i])).ToList();
    }

    private static bool IsValidMark(string reason) => reason.StartsWith("valid:", StringComparison.Ordinal);

    private static string Preview(string source) => AcornComparer.Quote(source, 200);

    private static Dictionary<string, string> LoadExceptions()
    {
        var exceptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(ExceptionsPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var path = (hash < 0 ? line : line[..hash]).Trim();
            var reason = hash < 0 ? string.Empty : line[(hash + 1)..].Trim();
            if (!exceptions.TryAdd(path, reason))
            {
                throw new InvalidDataException($"test262-exceptions.txt lists {path} twice.");
            }
        }

        return exceptions;
    }
}
