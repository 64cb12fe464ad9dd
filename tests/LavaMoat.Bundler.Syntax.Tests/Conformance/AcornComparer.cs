using System.Text;
using System.Text.RegularExpressions;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>One file to hold against acorn: the request acorn saw and acorn's verdict on it.</summary>
public sealed record AcornCase(string Id, AcornRequest Request, AcornResult Acorn);

/// <summary>
/// Holds our parser to acorn on many files: same verdict, and when both accept, the same canonical ESTree JSON
/// (compared by SHA-256). Hash mismatches on the smallest files are then explained with acorn's full JSON and
/// the first differing JSON path.
/// </summary>
public static partial class AcornComparer
{
    /// <summary>How many hash mismatches get acorn's full JSON and a first-difference diagnosis.</summary>
    public const int DefaultExplainLimit = 60;

    // After this many timeouts a run stops parsing: a parser that hangs on everything would otherwise keep a
    // suite busy for hours at the per-file limit.
    private const int TimeoutBudget = 3;

    // Serialising a deep tree recurses once per level; these threads give the writer room that the 1 MB
    // parsing thread deliberately does not have.
    private const int WorkerStackSize = 256 * 1024 * 1024;

    /// <summary>Compares every case; the report is empty when our parser agrees with acorn on all of them.</summary>
    public static MismatchReport Compare(string title, IReadOnlyList<AcornCase> cases, int explainLimit = DefaultExplainLimit)
    {
        var report = new MismatchReport(title);
        var treeMismatches = new List<(AcornCase Case, int Length)>();
        var next = -1;
        var timeouts = 0;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(2, Environment.ProcessorCount))).Select(_ => new Thread(
            () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < cases.Count)
                {
                    var item = cases[index];
                    if (Volatile.Read(ref timeouts) >= TimeoutBudget)
                    {
                        report.Add($"not compared: the run stopped after {TimeoutBudget} timeouts", item.Id, 0);
                        continue;
                    }

                    try
                    {
                        if (CompareOne(item, report, ref timeouts))
                        {
                            lock (treeMismatches)
                            {
                                treeMismatches.Add((item, (int)new FileInfo(item.Request.FullPath).Length));
                            }
                        }
                    }
#pragma warning disable CA1031 // an exception escaping a worker thread would end the test host: report it instead
                    catch (Exception error)
#pragma warning restore CA1031
                    {
                        report.Add($"harness error {error.GetType().Name}", $"{item.Id}: {error}", 0);
                    }
                }
            },
            WorkerStackSize)).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var ordered = treeMismatches.OrderBy(m => m.Length).ThenBy(m => m.Case.Id, StringComparer.Ordinal).ToList();
        var explained = ordered.Take(explainLimit).ToList();
        var acornJson = AcornOracle.FullJson(explained.Select(m => m.Case.Request).ToList());
        for (var i = 0; i < explained.Count; i++)
        {
            Explain(explained[i].Case, acornJson[i], report);
        }

        foreach (var (item, length) in ordered.Skip(explained.Count))
        {
            report.Add($"tree differs (not diffed: only the {explainLimit} smallest mismatches are)", item.Id, length);
        }

        return report;
    }

    /// <summary>The parse goal acorn used for a result.</summary>
    public static SourceType GoalOf(AcornResult acorn) => acorn.IsModule ? SourceType.Module : SourceType.Script;

    // Returns true when both accept but the trees' hashes differ (explained later, smallest first).
    private static bool CompareOne(AcornCase item, MismatchReport report, ref int timeouts)
    {
        var source = SourceText.Read(item.Request.FullPath);
        var goal = GoalOf(item.Acorn);
        var outcome = ParseRunner.Parse(source, goal);
        var label = $"{item.Id} ({goal.ToString().ToLowerInvariant()}, {item.Acorn.Decision})";
        if (outcome.Crash is not null || outcome.TimedOut)
        {
            if (outcome.TimedOut)
            {
                Interlocked.Increment(ref timeouts);
            }

            ReportBroken(report, label, outcome, source);
            return false;
        }

        if (item.Acorn.Ok)
        {
            if (outcome.Tree is null)
            {
                var error = outcome.SyntaxError!;
                report.Add(
                    "we reject valid code: " + Normalize(error.Description),
                    $"{label}: acorn accepts; we reject: {Short(error.Message)} [index {error.Index}]\n  source: {LineAt(source, error.Index)}",
                    source.Length);
                return false;
            }

            string json;
            try
            {
                json = EstreeCanonical.Json(outcome.Tree);
            }
#pragma warning disable CA1031 // a writer failure is a finding to report, not a reason to stop comparing
            catch (Exception error)
#pragma warning restore CA1031
            {
                report.Add($"EstreeJsonWriter throws {error.GetType().Name}", $"{label}: {error.Message}", source.Length);
                return false;
            }

            return EstreeCanonical.Hash(json) != item.Acorn.Hash;
        }

        if (outcome.Tree is not null)
        {
            var acornError = item.Acorn.Error!;
            report.Add(
                "we accept invalid code: " + Normalize(StripPosition(acornError.Message)),
                $"{label}: acorn rejects: {Short(acornError.Message)} [index {acornError.Pos}]; we accept\n  source: {LineAt(source, acornError.Pos)}",
                source.Length);
            return false;
        }

        if (item.Acorn.RejectedInBothGoals)
        {
            var asModule = ParseRunner.Parse(source, SourceType.Module);
            if (asModule.Crash is not null || asModule.TimedOut)
            {
                ReportBroken(report, label + " as module", asModule, source);
            }
            else if (asModule.Tree is not null)
            {
                report.Add(
                    "we accept invalid code: (rejected by acorn in both goals) accepted as module",
                    $"{label}: acorn rejects it as script and as module ({item.Acorn.Error?.Message}); we accept it as a module",
                    source.Length);
            }
        }

        return false;
    }

    private static void Explain(AcornCase item, string? acornJson, MismatchReport report)
    {
        var source = SourceText.Read(item.Request.FullPath);
        var goal = GoalOf(item.Acorn);
        var label = $"{item.Id} ({goal.ToString().ToLowerInvariant()}, {item.Acorn.Decision})";
        var outcome = ParseRunner.Parse(source, goal);
        if (acornJson is null || outcome.Tree is null)
        {
            report.Add("tree differs (could not re-run for a diff)", label, source.Length);
            return;
        }

        var ours = ParseRunner.OnParseThreadWithStack(() => EstreeCanonical.Json(outcome.Tree), WorkerStackSize, TimeSpan.FromMinutes(2));
        var diff = JsonDiff.FirstDifference(acornJson, ours);
        if (diff is null)
        {
            report.Add("tree differs by hash only (canonical JSON identical: hashing bug?)", label, source.Length);
            return;
        }

        var snippet = diff.NodeStart >= 0 && diff.NodeEnd >= diff.NodeStart && diff.NodeEnd <= source.Length
            ? Quote(source[diff.NodeStart..diff.NodeEnd], 200)
            : "?";
        var where = diff.NodeStart >= 0 && diff.NodeStart <= source.Length ? LineColumn(source, diff.NodeStart) : "?";
        report.Add(
            diff.Category,
            $"{label} {diff.NodeType} at {where}\n  source: {snippet}\n  path:   {diff.Path}\n  acorn:  {diff.Expected}\n  ours:   {diff.Actual}",
            source.Length);
    }

    private static void ReportBroken(MismatchReport report, string label, ParseOutcome outcome, string source)
    {
        if (outcome.TimedOut)
        {
            report.Add("TIMEOUT (no answer within the limit)", $"{label}: no answer within {ParseRunner.DefaultTimeout.TotalSeconds} s", source.Length);
            return;
        }

        var crash = outcome.Crash!;
        var stack = crash.StackTrace is null ? string.Empty : string.Join("\n    ", crash.StackTrace.Split('\n').Take(4).Select(l => l.Trim()));
        report.Add($"CRASH {crash.GetType().Name}", $"{label}: {Quote(crash.Message, 200)}\n    {stack}", source.Length);
    }

    /// <summary>"Unexpected token (3:4)" → "Unexpected token".</summary>
    public static string StripPosition(string message) => PositionSuffix().Replace(message, string.Empty);

    // Groups messages that differ only in quoted text or numbers (and keeps a regex message's pattern out).
    private static string Normalize(string message) =>
        Short(Digits().Replace(Quoted().Replace(message, "'…'"), "N"), 120);

    private static string Short(string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>1-based line and 0-based column of a UTF-16 offset, acorn-style (\n, \r\n, \r, U+2028, U+2029).</summary>
    public static string LineColumn(string source, int offset)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\n' || c == '\u2028' || c == '\u2029' || (c == '\r' && (i + 1 >= source.Length || source[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $"{line}:{offset - lineStart}";
    }

    /// <summary>The text around an offset on its line, quoted, with a ⟦here⟧ mark.</summary>
    public static string LineAt(string source, int offset)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        var from = Math.Max(0, offset - 80);
        var to = Math.Min(source.Length, offset + 80);
        return Quote(source[from..offset], 80) + "⟦here⟧" + Quote(source[offset..to], 80) + $" at {LineColumn(source, offset)}";
    }

    /// <summary>The text, shortened to about <paramref name="max"/> characters, escaped and in backquotes.</summary>
    public static string Quote(string text, int max)
    {
        var shown = text.Length <= max ? text : text[..(max / 2)] + " … " + text[^(max / 2)..];
        var builder = new StringBuilder();
        foreach (var c in shown)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || char.IsSurrogate(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return "`" + builder + "`";
    }

    [GeneratedRegex(@"\s*\(\d+:\d+\)$")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
