using System.Globalization;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Tests.Conformance;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Fuzz;

/// <summary>
/// Mutated real files (bytes and tokens deleted, duplicated, swapped, punctuation inserted, truncated) never
/// crash or hang the parser: every mutant parses, or is rejected with a <see cref="SyntaxErrorException"/> whose
/// position lies inside the text and agrees with its line and column.
/// </summary>
[TestClass]
public sealed class MutationFuzzTests
{
    private const int SeedFiles = 48;
    private const int DefaultMutantsPerFile = 64; // 3,072 mutants in all

    // For a longer hunt locally: LAVAMOAT_FUZZ_MUTANTS_PER_FILE=1000 LAVAMOAT_FUZZ_SEED=1 dotnet test --filter MutationFuzz
    private static readonly int MutantsPerFile = EnvironmentInt("LAVAMOAT_FUZZ_MUTANTS_PER_FILE", DefaultMutantsPerFile);
    private static readonly int DifferentialMutantsPerFile = MutantsPerFile / 2; // acorn's side costs more
    private static readonly int SeedOffset = EnvironmentInt("LAVAMOAT_FUZZ_SEED", 0) * 1_000_003;

    private static int _accepted;
    private static int _rejected;
    private static int _timeouts;

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Mutated_corpus_files_parse_or_fail_with_a_located_syntax_error()
    {
        var seeds = PickSeedFiles();
        var report = new MismatchReport("mutation fuzz");
        var jobs = seeds.SelectMany((file, f) => Enumerable.Range(0, MutantsPerFile).Select(m => (File: file, Seed: SeedOffset + (f * 7919) + m))).ToList();
        var next = -1;
        var workers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs.Count)
            {
                var (file, seed) = jobs[index];
                if (Volatile.Read(ref _timeouts) >= 3)
                {
                    report.Add("not run: the fuzz run stopped after 3 timeouts", $"{file.Id} seed {seed}", 0);
                    continue;
                }

                try
                {
                    Check(file, seed, report);
                }
#pragma warning disable CA1031 // an exception escaping a worker thread would end the test host: report it instead
                catch (Exception error)
#pragma warning restore CA1031
                {
                    report.Add($"harness error {error.GetType().Name}", $"{file.Id} seed {seed}: {error}", 0);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Console.WriteLine($"{jobs.Count} mutants of {seeds.Count} files: {_accepted} parsed, {_rejected} rejected with a syntax error");
        if (report.Count > 0)
        {
            Assert.Fail(report.Render(jobs.Count));
        }
    }

    /// <summary>
    /// The same mutants, held to acorn: mutated code is where parsers disagree (early errors, ASI, contextual
    /// keywords), so every mutant gets acorn's verdict and, when acorn accepts it, acorn's tree.
    /// </summary>
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void Mutated_corpus_files_get_acorns_verdict_and_tree()
    {
        var seeds = PickSeedFiles();
        var dir = Path.Combine(RepoPaths.CacheDir, "mutants");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true); // only this run's mutants, not every earlier run's
        }

        Directory.CreateDirectory(dir);
        var cases = new List<(string Id, AcornRequest Request)>();
        for (var f = 0; f < seeds.Count; f++)
        {
            var source = SourceText.Read(seeds[f].FullPath);
            for (var m = 0; m < DifferentialMutantsPerFile; m++)
            {
                var seed = SeedOffset + (f * 7919) + m;
                var (mutant, description) = Mutator.Mutate(source, seed);
                var goal = seed % 2 == 0 ? AcornMode.Script : AcornMode.Module;
                // Files hold UTF-8, so a lone surrogate becomes U+FFFD; both parsers read the same file.
                var path = Path.Combine(dir, $"{seed}.js");
                SourceText.Write(path, mutant);
                cases.Add(($"{seeds[f].Id} seed {seed} ({description})", new AcornRequest(path, goal)));
            }
        }

        var acorn = AcornOracle.Dump(cases.Select(c => c.Request).ToList());
        var report = AcornComparer.Compare("mutants vs acorn", cases.Select((c, i) => new AcornCase(c.Id, c.Request, acorn[i])).ToList());
        Console.WriteLine($"{cases.Count} mutants: acorn accepts {acorn.Count(r => r.Ok)}, rejects {acorn.Count(r => !r.Ok)}");
        if (report.Count > 0)
        {
            Assert.Fail(report.Render(cases.Count));
        }
    }

    /// <summary>
    /// Seed files: every corpus package's small and medium files (300 B to 8 KB), spread evenly, so mutants
    /// are quick to parse yet come from every build style in the corpus.
    /// </summary>
    private static List<CorpusFile> PickSeedFiles()
    {
        var candidates = Corpus.Files.Where(f => f.Length is >= 300 and <= 8_000).ToList();
        var byPackage = candidates.GroupBy(f => f.Package).Select(g => g.ToList()).ToList();
        var picked = new List<CorpusFile>();
        for (var round = 0; picked.Count < SeedFiles && round < 100; round++)
        {
            foreach (var files in byPackage)
            {
                var i = (round * 37) % Math.Max(1, files.Count);
                if (picked.Count < SeedFiles && round < files.Count && !picked.Contains(files[i]))
                {
                    picked.Add(files[i]);
                }
            }
        }

        return picked;
    }

    private static void Check(CorpusFile file, int seed, MismatchReport report)
    {
        var (mutant, description) = Mutator.Mutate(SourceText.Read(file.FullPath), seed);
        var goal = seed % 2 == 0 ? SourceType.Script : SourceType.Module;
        var outcome = ParseRunner.Parse(mutant, goal);
        var label = $"{file.Id} seed {seed} ({goal.ToString().ToLowerInvariant()}): {description}";
        if (outcome.TimedOut)
        {
            Interlocked.Increment(ref _timeouts);
            report.Add("TIMEOUT", $"{label}\n  saved: {Save(mutant, seed)}", mutant.Length);
        }
        else if (outcome.Crash is { } crash)
        {
            var frame = crash.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "?";
            report.Add($"CRASH {crash.GetType().Name} {frame}", $"{label}\n  {crash.Message}\n  saved: {Save(mutant, seed)}", mutant.Length);
        }
        else if (outcome.SyntaxError is { } error)
        {
            Interlocked.Increment(ref _rejected);
            if (error.Index < 0 || error.Index > mutant.Length || error.Line < 1 || error.Column < 0)
            {
                report.Add("syntax error position outside the text", $"{label}\n  {error.Message} index {error.Index} of {mutant.Length}\n  saved: {Save(mutant, seed)}", mutant.Length);
            }
            else if (AcornComparer.LineColumn(mutant, error.Index) != string.Create(CultureInfo.InvariantCulture, $"{error.Line}:{error.Column}"))
            {
                report.Add(
                    "syntax error line:column disagrees with its index",
                    $"{label}\n  {error.Message} index {error.Index} is at {AcornComparer.LineColumn(mutant, error.Index)}\n  saved: {Save(mutant, seed)}",
                    mutant.Length);
            }
        }
        else
        {
            Interlocked.Increment(ref _accepted);
            try
            {
                _ = EstreeJsonWriter.Write(outcome.Tree!);
            }
#pragma warning disable CA1031 // a writer failure on an accepted mutant is a finding
            catch (Exception writerError)
#pragma warning restore CA1031
            {
                report.Add($"EstreeJsonWriter throws {writerError.GetType().Name}", $"{label}\n  {writerError.Message}\n  saved: {Save(mutant, seed)}", mutant.Length);
            }
        }
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    // Failing mutants are kept for reproduction (gitignored cache folder).
    private static string Save(string mutant, int seed)
    {
        var path = Path.Combine(RepoPaths.CacheDir, "fuzz", $"mutant-{seed}.js");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        SourceText.Write(path, mutant);
        return path;
    }
}
