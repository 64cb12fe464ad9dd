using System.Collections.Immutable;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Syntax;

namespace LavaMoat.Bundler.Transform;

/// <summary>The modules ready for the bundle writer, and what went wrong on the way.</summary>
public sealed record TransformOutput(ImmutableArray<ModuleRecord> Modules, ImmutableArray<BuildDiagnostic> Diagnostics);

/// <summary>
/// The transform stage: reads every ES module's imports and exports, links them across the graph (export
/// names through <c>export *</c>, missing imports, async modules), then rewrites every module, in parallel,
/// on deep-stack threads (the trees can be as deep as the parser allows).
/// </summary>
public static class TransformStage
{
    public static TransformOutput Run(ModuleGraph graph, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var modules = graph.Modules;
        var interfaces = new ModuleInterface?[modules.Length];
        DeepStack.For(
            modules.Length,
            i => interfaces[i] = modules[i].Format == ModuleFormat.EsModule ? ModuleInterface.Read(modules[i].Program!) : null,
            cancellation);
        var linker = new EsmLinker(
            graph,
            Enumerable.Range(0, modules.Length).Where(i => interfaces[i] is not null).ToDictionary(i => i, i => interfaces[i]!));

        var transformer = new ModuleTransformer(graph, linker);
        var results = new (ModuleRecord Record, ImmutableArray<BuildDiagnostic> Diagnostics)[modules.Length];
        DeepStack.For(modules.Length, i => results[i] = transformer.Transform(modules[i]), cancellation);
        return new TransformOutput([.. results.Select(r => r.Record)], [.. results.SelectMany(r => r.Diagnostics)]);
    }
}
