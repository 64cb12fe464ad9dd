using System.Globalization;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using LavaMoat.Bundler.Syntax.Tests.Conformance;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Scoping;

/// <summary>
/// Our free references against eslint-scope 9.1.2's on every corpus file acorn accepts, with the goal acorn-dump
/// chose for it (<see cref="AcornOracle.DumpCorpus"/>).
/// </summary>
/// <remarks>
/// <para>What is compared. Ours: <see cref="ScopeAnalysis.FreeReferences"/>. eslint-scope's:
/// <c>globalScope.through</c>, taken as is. eslint-scope 9 closes the global scope statically (earlier versions
/// did not), so in scripts the references to top-level var, function, let, const and class declarations resolve
/// and are not in <c>through</c>, exactly like ours; no "subtract the declared names" step is needed, and
/// assignments to undeclared names stay in <c>through</c> (eslint-scope only lists them again in
/// <c>globalScope.implicit</c>). In modules its module scope is static too. A <c>with</c> body does not stop
/// static resolution in eslint-scope 9 either: it marks the references <c>tainted</c> and resolves them outside,
/// as we do (marking them <see cref="Reference.IsDynamic"/>). These facts were checked in Node against the pinned
/// packages before writing the test.</para>
/// <para>The comparison is per reference (name, offset, read, write), which implies the per-name comparison
/// (name with read/write) that policy generation depends on; the summary reports both.</para>
/// <para>eslint-scope's own departures from ECMA-262, normalised narrowly (each only where its condition holds):</para>
/// <list type="number">
/// <item><b>Direct eval.</b> A direct <c>eval(...)</c> call makes eslint-scope mark the caller's var scope and every
/// enclosing scope dynamic (in strict code too) and close them without resolving anything, so names those
/// scopes declare come out free. eval can only add bindings nearer than the static ones, never turn a declared
/// name into a global, and in strict code it adds none; we keep the static binding. Normalised: an eslint-scope
/// reference that its own scope chain binds statically, on whose way out an eval-dynamic scope lies (the dump
/// script's note), is dropped when we resolve it.</item>
/// <item><b>Annex B.3.2 function-in-block.</b> eslint-scope does not implement the var binding sloppy code gives a
/// function declared in a block, so it reports uses outside the block as free. Normalised: an eslint-scope
/// reference that we resolve to a <see cref="VariableKind.AnnexBFunction"/> binding is dropped.</item>
/// <item><b>Duplicate references.</b> For a shorthand target with a default (<c>({ a = 1 } = o)</c>) eslint-scope
/// records two write references on the same identifier. Entries at the same offset are merged.</item>
/// </list>
/// </remarks>
[TestClass]
public sealed class EslintScopeDifferentialTests
{
    private const int AnalysisStackSize = 16 * 1024 * 1024;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// Hand-written snippets that exercise every rule the corpus may not (it has no direct eval and no Annex B
    /// function), held to eslint-scope the same way; each normalisation must be needed at least once here, which
    /// also shows it is not dead code.
    /// </summary>
    private static readonly (string Name, bool IsModule, string Code)[] Snippets =
    [
        ("eval", false, "function f() { var a; eval(s); a; function g() { a; b; } } a;"),
        ("eval-strict", false, "'use strict'; function f() { var a; eval(s); a; }"),
        ("eval-optional", false, "function f() { var a; eval?.(s); a; }"),
        ("eval-params", false, "function f(p = q) { var q; eval(s); p; q; }"),
        ("annex-b", false, "{ function f() {} } f(); function g() { if (x) { function h() {} } h(); }"),
        ("annex-b-blocked", false, "function g() { { let f; { function f() {} } } f; } for (let k of a) { { function k() {} } } k;"),
        ("annex-b-if", false, "if (x) function f() {} f; switch (y) { case 1: function s() {} } s;"),
        ("shorthand-defaults", false, "({ a = 1 } = o); [{ b = 2 }] = p; ({ c } = q); ({ d });"),
        ("with", false, "var x; with (o) { x; y; var z = 1; function w() { x; v; } }"),
        ("classes", false, "class A extends B { [k] = v; static s = () => this; static { var w; w; t; } #p; m() { A; #p in this; } } (class C extends C {}); C;"),
        ("parameters", false, "function f(a = b, c = () => d, { e } = a, ...r) { var b, d; e; r; } (x = y) => x;"),
        ("loop-heads", false, "for (let x of x); for (x in y); for (const [p, q] of r) p; for (var i = 0; i < n; i++) i; for (m.k of z);"),
        ("catch", false, "try {} catch ({ a = b }) { var c = a; } c; try {} catch (e) { var e = 1; } e; try {} catch {}"),
        ("labels-members", false, "l: { o.p; o[q]; o?.r; o?.[s]; break l; } ({ k: 1, [ck]: 2, m() {} });"),
        ("arguments", false, "function f() { arguments; return () => arguments; } arguments; () => arguments;"),
        ("assignments", false, "w = 1; c += 1; l ||= 1; n ??= 2; u++; --v; typeof t; delete d; x = y = z; [a, ...b] = e;"),
        ("switch", false, "switch (a) { case b: let c; default: c; d; } c;"),
        ("function-expression-name", false, "var f = function g() { g; }; g; (function h() { h = 1; })();"),
        ("script-top-level", false, "var v; let l; const k = 1; class K {} function f() {} v; l; k; K; f; u; i = 1;"),
        ("hoisting", false, "x; { var x; } y(); function y() { z; } let q; { q; let q = 1; }"),
        ("module", true, "import d, { i as j } from 'm'; import * as ns from 'n'; export { d as e, j }; export default u; export { f } from 'o'; export * as all from 'p'; import(spec, opts); import.meta; ns.x; j; i;"),
        ("module-declarations", true, "export function g() { h; } export class C extends D {} export const c = 1; { function b() {} } b; await top;"),
        ("directives", false, "function f() { 'use strict'; { function g() {} } g; } function h() { { function k() {} } k; }"),
    ];

    [TestMethod]
    public void Snippets_FreeReferencesEqualEslintScopes()
    {
        // Stable, content-named files: eslint-scope's answers are cached by path, so a changed snippet gets a new name.
        var dir = Path.Combine(RepoPaths.CacheDir, "scope-snippets");
        Directory.CreateDirectory(dir);
        var paths = Snippets.Select(s => Path.Combine(dir, $"{s.Name}-{(s.IsModule ? "module" : "script")}-{ShortHash(s.Code)}.js")).ToList();
        for (var i = 0; i < Snippets.Length; i++)
        {
            if (!File.Exists(paths[i]))
            {
                File.WriteAllText(paths[i], Snippets[i].Code);
            }
        }

        var eslint = EslintScopeOracle.Dump(paths.Select((p, i) => (p, Snippets[i].IsModule)).ToList());
        var report = new MismatchReport("scope analysis vs eslint-scope (snippets)");
        var stats = new Stats();
        for (var i = 0; i < Snippets.Length; i++)
        {
            CompareOne("snippet " + Snippets[i].Name, Snippets[i].Code, Snippets[i].IsModule, eslint[i], report, stats);
        }

        Assert.AreEqual(0, report.Count, report.Render(Snippets.Length, examplesPerCategory: 10));
        Assert.IsTrue(stats.EvalQuirk > 0 && stats.AnnexB > 0 && stats.Duplicates > 0, "every normalisation is exercised");
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];

    [TestMethod]
    [Timeout(20 * 60 * 1000, CooperativeCancellation = true)]
    public void Corpus_FreeReferencesEqualEslintScopes()
    {
        var files = Corpus.Files;
        var acorn = AcornOracle.DumpCorpus();
        var cases = new List<(CorpusFile File, bool IsModule)>();
        var rejected = 0;
        for (var i = 0; i < files.Count; i++)
        {
            if (acorn[i].Ok)
            {
                cases.Add((files[i], acorn[i].IsModule));
            }
            else
            {
                rejected++; // no tree to analyse; the parser tests hold us to rejecting these too
            }
        }

        var eslint = EslintScopeOracle.Dump(cases.Select(c => (c.File.FullPath, c.IsModule)).ToList());
        var report = new MismatchReport("scope analysis vs eslint-scope");
        var stats = new Stats();
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(4, Environment.ProcessorCount))).Select(_ => new Thread(
            () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < cases.Count)
                {
                    var (file, isModule) = cases[index];
                    CompareOne(file.Id, SourceText.Read(file.FullPath), isModule, eslint[index], report, stats);
                }
            },
            AnalysisStackSize)).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{cases.Count} files compared ({rejected} more rejected by acorn in both goals); {report.Count} mismatching; " +
            $"{stats.References} free references, {stats.Names} free (file, name) pairs; normalised: {stats.EvalQuirk} eval, " +
            $"{stats.AnnexB} Annex B, {stats.Duplicates} duplicate references.");
        TestContext.WriteLine(summary);
        Assert.AreEqual(0, report.Count, summary + "\n" + report.Render(cases.Count, examplesPerCategory: 5));
    }

    private static void CompareOne(string id, string source, bool isModule, EslintScopeResult eslint, MismatchReport report, Stats stats)
    {
        if (eslint.Free is null)
        {
            report.Add("eslint-scope failed", $"{id}: {eslint.Error}", source.Length);
            return;
        }

        ScopeAnalysis analysis;
        try
        {
            var program = new Parser(new ParserOptions { SourceType = isModule ? SourceType.Module : SourceType.Script }).Parse(source);
            analysis = ScopeAnalyzer.Analyze(program);
        }
#pragma warning disable CA1031 // a parser or analyzer failure is a mismatch to report, not a reason to stop the run
        catch (Exception error)
#pragma warning restore CA1031
        {
            report.Add($"we failed: {error.GetType().Name}", $"{id}: {error.Message}", source.Length);
            return;
        }

        var ours = new Dictionary<int, Reference>();
        foreach (var reference in analysis.References)
        {
            ours[reference.Identifier.Start] = reference;
        }

        // eslint-scope's free references after the three normalisations in the class remarks.
        var theirs = new Dictionary<int, (string Name, bool Read, bool Write)>();
        foreach (var entry in eslint.Free)
        {
            ours.TryGetValue(entry.Start, out var our);
            if (entry.IsEvalQuirk && our is { IsFree: false })
            {
                Interlocked.Increment(ref stats.EvalQuirk);
                continue;
            }

            if (our?.Variable?.Kind == VariableKind.AnnexBFunction)
            {
                Interlocked.Increment(ref stats.AnnexB);
                continue;
            }

            if (theirs.TryGetValue(entry.Start, out var seen))
            {
                Interlocked.Increment(ref stats.Duplicates);
                theirs[entry.Start] = (seen.Name, seen.Read | entry.IsRead, seen.Write | entry.IsWrite);
                continue;
            }

            theirs[entry.Start] = (entry.Name, entry.IsRead, entry.IsWrite);
        }

        Interlocked.Add(ref stats.References, analysis.FreeReferences.Count);
        Interlocked.Add(ref stats.Names, analysis.FreeNames.Count);

        var differences = new List<string>();
        foreach (var reference in analysis.FreeReferences)
        {
            var start = reference.Identifier.Start;
            if (!theirs.Remove(start, out var their))
            {
                differences.Add($"ours only: {Describe(reference.Name, start, reference.IsRead, reference.IsWrite, source)}");
            }
            else if (their.Read != reference.IsRead || their.Write != reference.IsWrite)
            {
                differences.Add($"flags: ours {Flags(reference.IsRead, reference.IsWrite)}, eslint-scope {Flags(their.Read, their.Write)}: {Describe(reference.Name, start, reference.IsRead, reference.IsWrite, source)}");
            }
        }

        foreach (var (start, their) in theirs)
        {
            var resolvedTo = ours.TryGetValue(start, out var our) && our.Variable is { } variable
                ? $"we resolve it to {variable.Kind} in {variable.Scope.Kind}"
                : "not a reference for us";
            differences.Add($"eslint-scope only ({resolvedTo}): {Describe(their.Name, start, their.Read, their.Write, source)}");
        }

        if (differences.Count > 0)
        {
            var category = differences[0][..differences[0].IndexOf(':', StringComparison.Ordinal)];
            report.Add(category, $"{id} ({(isModule ? "module" : "script")}), {differences.Count} difference(s):\n    " + string.Join("\n    ", differences.Take(8)), source.Length);
        }
    }

    private static string Flags(bool read, bool write) => (read ? "R" : string.Empty) + (write ? "W" : string.Empty);

    private static string Describe(string name, int start, bool read, bool write, string source)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < start && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var from = Math.Max(lineStart, start - 40);
        var to = Math.Min(source.Length, start + name.Length + 40);
        var context = source[from..to].ReplaceLineEndings(" ");
        return string.Create(CultureInfo.InvariantCulture, $"{name} {Flags(read, write)} at {line}:{start - lineStart} in `{context}`");
    }

    private sealed class Stats
    {
        public int References;
        public int Names;
        public int EvalQuirk;
        public int AnnexB;
        public int Duplicates;
    }
}
