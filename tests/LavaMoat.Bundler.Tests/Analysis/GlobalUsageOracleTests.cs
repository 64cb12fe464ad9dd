using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using LavaMoat.Bundler.Tests.Infrastructure;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Analysis;

/// <summary>
/// Differential tests of <see cref="GlobalUsageAnalyzer"/> against the real lavamoat-core (pinned in
/// <c>Oracles/lavamoat-core/package-lock.json</c>, installed with <c>npm ci</c> into a temp folder on first use):
/// its <c>createModuleInspector</c> runs on each file and the module's globals are read from its policy-debug
/// <c>debugInfo</c>. We run in the mode that turns our extensions off (string-literal computed keys, computed-key
/// and rest-target reads) — those are covered by <see cref="GlobalUsageAnalyzerTests"/> — and compare the
/// collapsed maps exactly, path and read/write, apart from the one systematic difference below.
/// </summary>
/// <remarks>
/// Known differences, each handled narrowly:
/// <list type="number">
/// <item>The name of <c>export * as name from '…'</c>: lavamoat-tofu's <c>findGlobals</c> does not skip Babel's
/// <c>ExportNamespaceSpecifier</c>, so it reports the exported name as a global read (a false positive; it binds
/// nothing and reads nothing). We model exactly that on our side: add those names as reads and collapse again.</item>
/// <item>Handled by top-level name only: which built-in names are "already in the compartment".
/// We use <see cref="CompartmentGlobals.Names"/> (what a SES compartment really holds); lavamoat-tofu uses its own
/// older list. So LavaMoat reports <c>TextEncoder</c>, <c>AggregateError</c>, <c>harden</c>, … which need no
/// grant, and ignores <c>SharedArrayBuffer</c>/<c>Atomics</c>, which SES removes from compartments (a package using
/// them silently gets <c>undefined</c> there; we list the use so the policy shows it).</item>
/// </list>
/// </remarks>
[TestClass]
public sealed class GlobalUsageOracleTests
{
    private static readonly Lazy<string> OracleDir = new(() => NpmOracle.Install("lavamoat-core", "lavamoat-core"));

    // Names lavamoat-tofu's primordials list ignores but a SES compartment does not provide.
    private static readonly HashSet<string> IgnoredOnlyByLavaMoat = new(StringComparer.Ordinal) { "SharedArrayBuffer", "Atomics" };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Snippets_match_lavamoat_core()
    {
        var dir = Directory.CreateTempSubdirectory("lmb-globals-snippets-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, code) in GlobalUsageSnippets.All)
            {
                var file = Path.Combine(dir, name + ".js");
                File.WriteAllText(file, code);
                files.Add(file);
            }

            var report = CompareAll(files);
            Assert.AreEqual(0, report.Skipped.Count, string.Join("\n", report.Skipped));
            Assert.AreEqual(0, report.Mismatches.Count, string.Join("\n", report.Mismatches));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Corpus_matches_lavamoat_core()
    {
        // The whole corpus (~3,800 files, ~800 lavamoat-core paths) takes seconds, so no sampling: a 200-file sample
        // held fewer than 30 paths, since most library files use no platform global.
        var sample = CorpusFiles();
        var report = CompareAll(sample);
        TestContext.WriteLine($"{report.Compared} files compared, {report.Skipped.Count} skipped, {report.Paths} lavamoat-core paths; our extensions change {report.ExtensionChanges} files.");
        foreach (var skipped in report.Skipped)
        {
            TestContext.WriteLine("skipped: " + skipped);
        }

        Assert.AreEqual(0, report.Mismatches.Count, string.Join("\n", report.Mismatches));

        // Skipping is only for files one of the two parsers rejects (e.g. Babel's error recovery accepting what a
        // conforming parser refuses); it must stay rare or the comparison means little.
        Assert.IsTrue(report.Compared >= sample.Count * 99 / 100, $"only {report.Compared} of {sample.Count} files compared");
        Assert.IsTrue(report.Paths >= 500, $"only {report.Paths} lavamoat-core paths: is the corpus installed?");
    }

    private sealed record Report(int Compared, int Paths, int ExtensionChanges, List<string> Mismatches, List<string> Skipped);

    private static Report CompareAll(IReadOnlyList<string> files)
    {
        var expected = RunOracle(files);
        var mismatches = new List<string>();
        var skipped = new List<string>();
        int compared = 0, paths = 0, extensionChanges = 0;
        foreach (var file in files)
        {
            var entry = expected.GetProperty(file);
            if (entry.TryGetProperty("error", out var error))
            {
                skipped.Add($"{file}: lavamoat-core: {error.GetString()}");
                continue;
            }

            var sourceType = entry.GetProperty("sourceType").GetString() == "module" ? SourceType.Module : SourceType.Script;
            var code = File.ReadAllText(file);
            (GlobalUsage Compat, GlobalUsage Full, HashSet<string> NamespaceExports)? ours;
            try
            {
                ours = DeepStack.Run(() =>
                {
                    var program = new Parser(new ParserOptions { SourceType = sourceType, CollectComments = false }).Parse(code);
                    var scope = ScopeAnalyzer.Analyze(program);
                    var namespaceExports = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var statement in program.Body)
                    {
                        if (statement is ExportAllDeclaration { Exported: Identifier exported })
                        {
                            namespaceExports.Add(exported.Name);
                        }
                    }

                    return (GlobalUsageAnalyzer.Analyze(program, scope, reproduceLavaMoatGaps: true), GlobalUsageAnalyzer.Analyze(program, scope), namespaceExports);
                });
            }
            catch (SyntaxErrorException e)
            {
                skipped.Add($"{file}: our parser ({sourceType}): {e.Message}");
                continue;
            }

            compared++;
            var theirs = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var global in entry.GetProperty("globals").EnumerateObject())
            {
                paths++;
                if (!CompartmentGlobals.Names.Contains(TopSegment(global.Name)) )
                {
                    theirs[global.Name] = global.Value.GetString()!;
                }
            }

            var mine = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var use in ours.Value.Compat.Globals)
            {
                if (!IgnoredOnlyByLavaMoat.Contains(TopSegment(use.Path)))
                {
                    mine[use.Path] = use.Access == GlobalUseKind.Write ? "write" : "read";
                }
            }

            // Known difference 1: reproduce LavaMoat's false positive for `export * as name`, collapse included.
            foreach (var name in ours.Value.NamespaceExports)
            {
                mine.TryAdd(name, "read");
            }

            foreach (var path in mine.Keys.ToList())
            {
                if (mine.Keys.Any(other => path.StartsWith(other + ".", StringComparison.Ordinal)))
                {
                    mine.Remove(path);
                }
            }

            var missing = theirs.Where(p => !mine.TryGetValue(p.Key, out var v) || v != p.Value).Select(p => $"{p.Key}={p.Value}").ToList();
            var extra = mine.Where(p => !theirs.TryGetValue(p.Key, out var v) || v != p.Value).Select(p => $"{p.Key}={p.Value}").ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                mismatches.Add($"{file}: lavamoat-core only [{string.Join(", ", missing)}], ours only [{string.Join(", ", extra)}]");
            }

            if (!ours.Value.Compat.Globals.Select(g => (g.Path, g.Access)).SequenceEqual(ours.Value.Full.Globals.Select(g => (g.Path, g.Access))))
            {
                extensionChanges++;
            }
        }

        return new Report(compared, paths, extensionChanges, mismatches, skipped);
    }

    private static string TopSegment(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? path : path[..dot];
    }

    /// <summary>Every corpus file (<c>tests/corpus.json</c>), in package order then ordinal path order, as the syntax tests enumerate them.</summary>
    private static List<string> CorpusFiles()
    {
        var testsDir = Path.GetFullPath(Path.Combine(ExternalTool.TestProjectDir, ".."));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(testsDir, "corpus.json")));
        var files = new List<string>();
        foreach (var package in json.RootElement.GetProperty("packages").EnumerateArray())
        {
            var root = Path.Combine(testsDir, "node_modules", package.GetProperty("name").GetString()!);
            var includes = package.GetProperty("include").EnumerateArray().Select(e => e.GetString()!).ToList();
            var relative = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var include in includes.Count == 0 ? [""] : includes)
            {
                var path = Path.Combine(root, include);
                if (File.Exists(path))
                {
                    relative.Add(include);
                }
                else
                {
                    foreach (var file in EnumerateJavaScript(path))
                    {
                        relative.Add(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'));
                    }
                }
            }

            files.AddRange(relative.Select(r => Path.Combine(root, r)));
        }

        return files;
    }

    private static IEnumerable<string> EnumerateJavaScript(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            if (file.EndsWith(".js", StringComparison.Ordinal) || file.EndsWith(".mjs", StringComparison.Ordinal) || file.EndsWith(".cjs", StringComparison.Ordinal))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            if (Path.GetFileName(sub) != "node_modules")
            {
                foreach (var file in EnumerateJavaScript(sub))
                {
                    yield return file;
                }
            }
        }
    }

    private static JsonElement RunOracle(IReadOnlyList<string> files)
    {
        var (code, output, error) = ExternalTool.Run("node", [Path.Combine(OracleDir.Value, "globals-oracle.js"), .. files]);
        Assert.AreEqual(0, code, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
