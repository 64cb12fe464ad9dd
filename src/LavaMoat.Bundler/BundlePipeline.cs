using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Transform;

namespace LavaMoat.Bundler;

/// <summary>
/// The whole build (DESIGN.md §1): the one call behind the CLI and the MSBuild task. Graph → transform →
/// policy (load + override, or generate) → emit (with the re-parse check) → write, each stage consuming the
/// previous one's result. User mistakes come back as diagnostics, never as exceptions; a failed build writes
/// nothing, and the files of a successful one appear together (each written to a temporary file first).
/// </summary>
public static class BundlePipeline
{
    /// <summary>An output file could not be written (nothing of the build is left behind).</summary>
    public const string WriteFailedCode = "LMB0002";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs the build. Cancellation throws <see cref="OperationCanceledException"/> and leaves no output behind.</summary>
    public static BundleResult Run(BundleRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var diagnostics = new List<BuildDiagnostic>();
        var phases = ImmutableArray.CreateBuilder<BuildPhase>();
        var phaseStart = TimeSpan.Zero;
        var phaseAllocated = GC.GetTotalAllocatedBytes();
        void EndPhase(string name)
        {
            var now = clock.Elapsed;
            var allocated = GC.GetTotalAllocatedBytes();
            phases.Add(new BuildPhase(name, now - phaseStart, allocated - phaseAllocated));
            phaseStart = now;
            phaseAllocated = allocated;
        }

        var root = Path.GetFullPath(request.ProjectRoot);

        BundleResult Fail(IEnumerable<string>? inputs = null) =>
            new(Sorted(diagnostics), [], new BundleStats(0, 0, 0, clock.Elapsed), [.. inputs ?? []]);

        if (!Directory.Exists(root))
        {
            diagnostics.Add(new BuildDiagnostic("LMB0001", DiagnosticSeverity.Error, $"the project root \"{request.ProjectRoot}\" is not a folder"));
            return Fail();
        }

        if (request.NodeEnv is { } nodeEnv && NodeEnvFolding.Validate(nodeEnv) is { } nodeEnvProblem)
        {
            diagnostics.Add(new BuildDiagnostic("LMB0003", DiagnosticSeverity.Error, $"the NODE_ENV value \"{nodeEnv}\" {nodeEnvProblem}"));
            return Fail();
        }

        var paths = new PolicyPaths(root, request.PolicyName);
        var debugPath = request.PolicyDebugPath is { } d ? Path.GetFullPath(d) : request.AutoPolicy ? paths.Debug : null;
        var needsGeneration = request.AutoPolicy || request.CheckPolicy || debugPath is not null;

        // 1. Graph: every reachable file read and parsed once. The per-module work that needs the syntax tree (the
        // first half of the transform, the analyses) runs as each module is parsed, and the tree is dropped then.
        var graph = ModuleGraphBuilder.Build(
            new GraphRequest(root, request.Entries)
            {
                StrictBuiltins = request.StrictBuiltins,
                NodeEnv = request.NodeEnv,
                Prepare = parsed => new PreparedModule(TransformStage.Prepare(parsed), Analyze(parsed, needsGeneration)),
                KeepSyntax = false,
            },
            cancellation);
        diagnostics.AddRange(graph.Diagnostics.Select(FromResolution));
        EndPhase("graph");
        var inputs = graph.Modules.Where(m => !m.IsEmpty).Select(m => Path.GetFullPath(Path.Combine(root, m.Path))).ToList();
        inputs.AddRange(graph.PackageJsonFiles);
        if (graph.HasErrors || graph.EntryIds.IsEmpty)
        {
            if (graph.EntryIds.IsEmpty && !graph.HasErrors)
            {
                diagnostics.Add(new BuildDiagnostic("LMB0001", DiagnosticSeverity.Error, "no entry module to bundle"));
            }

            return Fail(inputs);
        }

        // 2. Transforms: link the ES modules and finish every module (the analyses ran with the graph stage).
        var transformed = TransformStage.Run(graph, m => (m.Prepared as PreparedModule)?.Transform, request.TreeShaking, cancellation);
        diagnostics.AddRange(transformed.Diagnostics);
        EndPhase("transform");

        // From here on, the modules that ship: tree shaking may have left some out (they stay build inputs).
        graph = transformed.Graph;
        var analyses = graph.Modules.Select(m => (m.Prepared as PreparedModule)?.Analysis ?? ModuleAnalysis.None).ToArray();
        foreach (var (module, analysis) in graph.Modules.Zip(analyses))
        {
            foreach (var finding in analysis.SesCompat)
            {
                diagnostics.Add(new BuildDiagnostic(SesCompatAnalyzer.PrimordialMutationCode, DiagnosticSeverity.Warning, finding.Message, module.Path, finding.Line, finding.Column));
            }
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return Fail(inputs);
        }

        // 3. Policy: generated (autopolicy) or loaded; the override always applies, at bundle time.
        var policyPath = request.PolicyPath is { } p ? Path.GetFullPath(p) : paths.Primary;
        var overridePath = request.OverridePath is { } o ? Path.GetFullPath(o) : paths.Override;
        inputs.Add(policyPath);
        inputs.Add(overridePath);
        var generated = needsGeneration ? PolicyGenerator.Generate(PolicyModules(graph, analyses)) : null;
        var outputs = new List<(string Path, string Text)>();

        PolicyDocument? effective;
        if (request.AutoPolicy)
        {
            var policyOverride = PolicyDocument.Load(overridePath, DisplayPath(root, overridePath));
            diagnostics.AddRange(policyOverride.Diagnostics.Select(FromPolicy));
            if (!policyOverride.Succeeded && File.Exists(overridePath))
            {
                return Fail(inputs);
            }

            var merged = PolicyMerge.Merge(PolicyDocument.FromPolicy(generated!.Policy), policyOverride.Document);
            diagnostics.AddRange(merged.Diagnostics.Select(FromPolicy));
            effective = merged.Document;
            outputs.Add((policyPath, PolicyFileWriter.Serialize(generated.Policy)));
        }
        else
        {
            var loaded = PolicyFiles.LoadEffective(policyPath, DisplayPath(root, policyPath), overridePath, DisplayPath(root, overridePath));
            diagnostics.AddRange(loaded.Diagnostics.Select(FromPolicy));
            effective = loaded.Document;
        }

        if (effective is null || diagnostics.Any(x => x.IsError))
        {
            return Fail(inputs);
        }

        var effectivePolicy = effective.ToPolicy();
        EndPhase("policy");
        if (request.CheckPolicy)
        {
            diagnostics.AddRange(PolicyCheck.FindMissing(effectivePolicy, generated!));
            if (diagnostics.Any(x => x.IsError))
            {
                return Fail(inputs);
            }
        }

        if (debugPath is not null)
        {
            outputs.Add((debugPath, PolicyDebugFile.Serialize(generated!, effective)));
        }

        // 4. Emit.
        cancellation.ThrowIfCancellationRequested();
        var outputPath = Path.GetFullPath(request.OutputPath);
        var options = new BundleOptions
        {
            BundleFileName = Path.GetFileName(outputPath),
            Runtime = request.Runtime,
            SourceMap = request.SourceMap,
            Scuttle = request.Scuttle,
            DebugMode = request.DebugMode,
            StatsMode = request.StatsMode,
            Lockdown = request.Lockdown,
        };
        // Only what the writer needs is captured: the graph (every tree and scope) can be collected while it works.
        var bundleInput = new BundleInput(transformed.Modules, graph.EntryIds, effectivePolicy, options);
        var moduleCount = graph.Modules.Length;
        var packageCount = graph.Modules.Where(m => !m.IsEmpty).Select(m => m.Package).Distinct(StringComparer.Ordinal).Count();
        BundleOutput output;
        try
        {
            output = DeepStack.Run(() => new BundleWriter().Write(bundleInput, cancellation));
        }
        catch (BundleException error)
        {
            diagnostics.Add(new BuildDiagnostic(error.Code, DiagnosticSeverity.Error, error.Message));
            return Fail(inputs);
        }

        EndPhase("emit");
        outputs.Add((outputPath, output.Bundle));
        if (output.SourceMap is { } map)
        {
            outputs.Add((outputPath + ".map", map));
        }

        if (output.Runtime is { } runtime)
        {
            outputs.Add((RuntimePath(outputPath), runtime));
        }

        // 5. Write everything or nothing.
        cancellation.ThrowIfCancellationRequested();
        if (WriteAll(outputs) is { } writeError)
        {
            diagnostics.Add(writeError);
            return Fail(inputs);
        }

        EndPhase("write");
        var stats = new BundleStats(moduleCount, packageCount, Utf8NoBom.GetByteCount(output.Bundle), clock.Elapsed) { Phases = phases.ToImmutable() };
        return new BundleResult(Sorted(diagnostics), [.. outputs.Select(x => x.Path)], stats, [.. inputs.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Where a separate runtime goes: <c>app.js</c> → <c>app.runtime.js</c>, beside the bundle.</summary>
    public static string RuntimePath(string bundlePath) =>
        Path.Combine(Path.GetDirectoryName(bundlePath)!, Path.GetFileNameWithoutExtension(bundlePath) + ".runtime.js");

    private sealed record ModuleAnalysis(GlobalUsage Globals, ImmutableArray<SesCompatFinding> SesCompat)
    {
        public static ModuleAnalysis None { get; } = new(GlobalUsage.Empty, []);
    }

    // What the graph stage's Prepare hook keeps of each parsed module: the first half of its transform and its analyses.
    private sealed record PreparedModule(object Transform, ModuleAnalysis Analysis);

    // Global usage feeds only policy generation (autopolicy, check, debug file); SES-compatibility warnings are
    // always wanted. Runs on the graph stage's worker, on the tree it just parsed.
    private static ModuleAnalysis Analyze(ParsedModule module, bool globals)
    {
        var usage = globals ? GlobalUsageAnalyzer.Analyze(module.Program, module.Scope) : GlobalUsage.Empty;
        if (!module.InjectedGlobals.IsEmpty)
        {
            // Injected names are bound to their polyfills, so they are no globals of this module.
            var injected = module.InjectedGlobals.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
            bool Keep(string path) => !injected.Contains(path.Split('.')[0]);
            usage = new GlobalUsage([.. usage.Occurrences.Where(x => Keep(x.Path))], [.. usage.Globals.Where(x => Keep(x.Path))]);
        }

        return new ModuleAnalysis(usage, SesCompatAnalyzer.Analyze(module.Facts, module.Scope));
    }

    private static IEnumerable<PolicyModule> PolicyModules(ModuleGraph graph, ModuleAnalysis[] analyses)
    {
        foreach (var module in graph.Modules)
        {
            if (module.IsEmpty || module.Package is null)
            {
                continue;
            }

            var imports = module.Dependencies
                .Select(e => new PolicyImport(graph.Modules[e.Target].IsEmpty ? null : graph.Modules[e.Target].Package, e.Specifier, e.Line, e.Column))
                .ToImmutableArray();
            yield return new PolicyModule(module.Package, module.Path, analyses[module.Id].Globals, imports);
        }
    }

    private static BuildDiagnostic? WriteAll(List<(string Path, string Text)> outputs)
    {
        var temporary = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (path, text) in outputs)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                WriteUtf8(temp, text);
                temporary.Add((temp, path));
            }

            foreach (var (temp, path) in temporary)
            {
                File.Move(temp, path, overwrite: true);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in temporary)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Best effort: the original error is the one to report.
                }
            }

            return new BuildDiagnostic(WriteFailedCode, DiagnosticSeverity.Error, $"cannot write the output: {e.Message}");
        }
    }

    // UTF-8 in 1 MB pieces, one write call each: File.WriteAllText writes a bundle and its map (15 MB for a
    // thousand modules) in 8 KB calls.
    internal static void WriteUtf8(string path, string text)
    {
        const int Piece = 1 << 20;
        var encoder = Utf8NoBom.GetEncoder();
        var buffer = new byte[Utf8NoBom.GetMaxByteCount(Math.Min(text.Length, Piece))];
        using var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        long offset = 0;
        var start = 0;
        do
        {
            var length = Math.Min(Piece, text.Length - start);
            var count = encoder.GetBytes(text.AsSpan(start, length), buffer, flush: start + length == text.Length);
            RandomAccess.Write(file, buffer.AsSpan(0, count), offset);
            offset += count;
            start += length;
        }
        while (start < text.Length);
    }

    private static string DisplayPath(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static BuildDiagnostic FromResolution(ResolutionDiagnostic d) => new(
        d.Code,
        d.Severity == ResolutionSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        d.Message,
        d.File,
        d.Line,
        d.Column,
        d.Searched.IsDefaultOrEmpty ? [] : [.. d.Searched.Select(s => "looked in: " + s)]);

    private static BuildDiagnostic FromPolicy(PolicyDiagnostic d) => new(
        d.Code,
        d.Severity == PolicySeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        d.JsonPath is null ? d.Message : d.JsonPath + ": " + d.Message,
        d.File,
        d.Line,
        d.Column);

    private static ImmutableArray<BuildDiagnostic> Sorted(List<BuildDiagnostic> diagnostics) =>
    [
        .. diagnostics.Distinct()
            .OrderBy(d => d.File ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal),
    ];
}
