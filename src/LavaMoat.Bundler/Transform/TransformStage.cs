using System.Collections.Immutable;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Syntax;

namespace LavaMoat.Bundler.Transform;

/// <summary>The modules ready for the bundle writer, and what went wrong on the way.</summary>
/// <param name="Graph">The graph the records come from: the input graph without the modules tree shaking left
/// out (ids renumbered), which is what the policy must describe.</param>
public sealed record TransformOutput(ImmutableArray<ModuleRecord> Modules, ImmutableArray<BuildDiagnostic> Diagnostics, ModuleGraph Graph);

/// <summary>
/// The transform stage: leaves out unused side-effect-free ES modules (<see cref="TreeShaker"/>), links the ES
/// modules across the graph (export names through <c>export *</c>, missing imports, async modules), then finishes
/// every module, in parallel, on deep-stack threads. The syntax-tree half
/// of each module's transform (<see cref="Prepare"/>) normally ran earlier, inside the graph stage, right after
/// the module was parsed (<see cref="GraphRequest.Prepare"/>); a graph that kept its trees is prepared here.
/// </summary>
public static class TransformStage
{
    /// <summary>The syntax-tree half, for <see cref="GraphRequest.Prepare"/>; pass the result to <see cref="Run"/>.</summary>
    public static object Prepare(ParsedModule module) => ModuleTransformer.Prepare(module);

    /// <summary>Transforms every module; <paramref name="prepared"/> gives what <see cref="Prepare"/> returned for a
    /// module, or null to prepare it now from the graph's tree. <paramref name="treeShaking"/> false keeps every module.</summary>
    public static TransformOutput Run(ModuleGraph graph, Func<GraphModule, object?>? prepared = null, bool treeShaking = true, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var modules = graph.Modules;
        PreparedTransform?[] halves = new PreparedTransform?[modules.Length];
        DeepStack.For(
            modules.Length,
            i =>
            {
                var module = modules[i];
                halves[i] = prepared?.Invoke(module) as PreparedTransform
                    ?? (module.Program is { } program && module.Scope is { } scope
                        ? ModuleTransformer.Prepare(new ParsedModule(
                            module.Path, module.Package, module.Format, module.Source, program, scope,
                            module.Dependencies.Select(e => e.Specifier).ToHashSet(StringComparer.Ordinal), module.InjectedGlobals))
                        : null);
            },
            cancellation);
        if (treeShaking && TreeShaker.Shake(graph, halves) is { } shaken)
        {
            (graph, halves) = shaken;
            modules = graph.Modules;
        }

        var linker = new EsmLinker(
            graph,
            Enumerable.Range(0, modules.Length)
                .Where(i => halves[i] is PreparedEsModule)
                .ToDictionary(i => i, i => ((PreparedEsModule)halves[i]!).Interface));

        var transformer = new ModuleTransformer(graph, linker);
        var results = new (ModuleRecord Record, ImmutableArray<BuildDiagnostic> Diagnostics)[modules.Length];
        DeepStack.For(modules.Length, i => results[i] = transformer.Transform(modules[i], halves[i]), cancellation);
        var records = ImmutableArray.CreateBuilder<ModuleRecord>(results.Length);
        var diagnostics = ImmutableArray.CreateBuilder<BuildDiagnostic>();
        foreach (var (record, found) in results)
        {
            records.Add(record);
            diagnostics.AddRange(found);
        }

        return new TransformOutput(records.MoveToImmutable(), diagnostics.ToImmutable(), graph);
    }
}
