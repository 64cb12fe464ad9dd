using System.Collections.Immutable;
using LavaMoat.Bundler.Graph;
using ImportKind = LavaMoat.Bundler.Analysis.ImportKind;

namespace LavaMoat.Bundler.Transform;

/// <summary>
/// Leaves out the ES modules that a package declares free of side effects (package.json <c>sideEffects</c>) and
/// whose exports nothing in the bundle uses, as webpack and esbuild do. A package's index that re-exports
/// hundreds of modules (lodash-es, date-fns, rxjs, ramda) then brings only the ones the app imports: fewer
/// modules to transform, write, load and run, and no policy entries for code that is not shipped.
/// </summary>
/// <remarks>
/// Demand flows from the entries: a kept module's imports ask its sources for the names they bind (a namespace
/// import asks for the names read from it as <c>ns.name</c>, or for every name when it is used otherwise;
/// <c>import()</c> and <c>require</c> ask for every name), and a name asked of a module follows its
/// <c>export … from</c> and <c>export *</c> to the module that declares it (ECMA-262 ResolveExport). Every module
/// a demand passes through is kept, so imports still read through the module they name and no binding changes.
/// Modules with side effects (CommonJS, JSON and any module whose package does not say otherwise) are kept when
/// a kept module depends on them in any way. A kept module's <c>export … from</c> and <c>export *</c> of a module
/// left out are removed from its interface: nothing asked for those names, and its namespace no longer offers them.
/// </remarks>
internal static class TreeShaker
{
    /// <summary>The graph with only the kept modules (renumbered, in the same path order) and the prepared halves
    /// for them; null when nothing can be left out.</summary>
    public static (ModuleGraph Graph, PreparedTransform?[] Halves)? Shake(ModuleGraph graph, PreparedTransform?[] halves)
    {
        var modules = graph.Modules;
        if (!modules.Any(m => m.SideEffectFree))
        {
            return null;
        }

        var interfaces = Enumerable.Range(0, modules.Length)
            .Where(i => halves[i] is PreparedEsModule)
            .ToDictionary(i => i, i => ((PreparedEsModule)halves[i]!).Interface);
        var linker = new EsmLinker(graph, interfaces);
        var demand = new Demand(graph, interfaces, linker, halves);
        foreach (var entry in graph.EntryIds)
        {
            demand.Keep(entry);
        }

        demand.Run();
        var kept = demand.Kept;
        if (kept.All(k => k))
        {
            return null;
        }

        var newIds = new int[modules.Length];
        var count = 0;
        for (var i = 0; i < modules.Length; i++)
        {
            newIds[i] = kept[i] ? count++ : -1;
        }

        var shakenModules = ImmutableArray.CreateBuilder<GraphModule>(count);
        var shakenHalves = new PreparedTransform?[count];
        for (var i = 0; i < modules.Length; i++)
        {
            if (!kept[i])
            {
                continue;
            }

            var module = modules[i];
            var dropped = module.Dependencies.Where(e => !kept[e.Target]).Select(e => e.Specifier).ToHashSet(StringComparer.Ordinal);
            if (halves[i] is PreparedEsModule esm)
            {
                esm.Interface = Narrowed(esm.Interface, dropped, name => demand.WasAsked(i, name));
            }

            shakenHalves[newIds[i]] = halves[i];
            shakenModules.Add(module with
            {
                Id = newIds[i],
                Dependencies = [.. module.Dependencies.Where(e => kept[e.Target]).Select(e => e with { Target = newIds[e.Target] })],
            });
        }

        var shaken = graph with
        {
            Modules = shakenModules.MoveToImmutable(),
            EntryIds = [.. graph.EntryIds.Select(id => newIds[id])],
        };
        return (shaken, shakenHalves);
    }

    // Only re-exports can point at a module left out (a kept module's imports always keep their sources). A
    // re-export nobody asked for goes too, even when its source stays for other reasons: that source may no
    // longer offer the name, and the namespace must only promise what the bundle has.
    private static ModuleInterface Narrowed(ModuleInterface face, HashSet<string> dropped, Func<string, bool> asked) => face with
    {
        Requests = [.. face.Requests.Where(r => !dropped.Contains(r))],
        StarSpecifiers = [.. face.StarSpecifiers.Where(s => !dropped.Contains(s))],
        Exports = face.Exports.Where(e => e.Value switch
        {
            IndirectExport indirect => !dropped.Contains(indirect.Specifier) && asked(e.Key),
            NamespaceExport ns => !dropped.Contains(ns.Specifier) && asked(e.Key),
            _ => true,
        }).ToImmutableDictionary(StringComparer.Ordinal),
    };

    private sealed class Demand(ModuleGraph graph, Dictionary<int, ModuleInterface> interfaces, EsmLinker linker, PreparedTransform?[] halves)
    {
        private readonly Queue<int> _activate = new();
        private readonly HashSet<(int Module, string Name)> _asked = [];
        private readonly HashSet<int> _askedAll = [];

        public bool[] Kept { get; } = new bool[graph.Modules.Length];

        public bool WasAsked(int id, string name) => _askedAll.Contains(id) || _asked.Contains((id, name));

        public void Keep(int id)
        {
            if (!Kept[id])
            {
                Kept[id] = true;
                _activate.Enqueue(id);
            }
        }

        public void Run()
        {
            while (_activate.TryDequeue(out var id))
            {
                Activate(id);
            }
        }

        // A kept module: what it imports is asked for; what it depends on for its side effects is kept.
        private void Activate(int id)
        {
            var module = graph.Modules[id];
            if (!interfaces.TryGetValue(id, out var face))
            {
                // CommonJS reads its dependencies' exports at run time: all of them.
                foreach (var edge in module.Dependencies)
                {
                    AskAll(edge.Target);
                }

                return;
            }

            foreach (var edge in module.Dependencies)
            {
                var target = edge.Target;
                switch (edge.Kind)
                {
                    case ImportKind.Import:
                        foreach (var binding in face.Imports.Values)
                        {
                            if (string.Equals(binding.Specifier, edge.Specifier, StringComparison.Ordinal))
                            {
                                if (binding.ImportName == ModuleInterface.Namespace)
                                {
                                    // `import * as ns` read only as `ns.name` asks for those names (esbuild does the same).
                                    if (halves[id] is PreparedEsModule { } esm && esm.NamespaceMembers.TryGetValue(binding.LocalName, out var members))
                                    {
                                        Keep(target);
                                        foreach (var member in members)
                                        {
                                            Ask(target, member);
                                        }
                                    }
                                    else
                                    {
                                        AskAll(target);
                                    }
                                }
                                else
                                {
                                    Ask(target, binding.ImportName);
                                }
                            }
                        }

                        break;
                    case ImportKind.ExportFrom:
                        // Names are asked for when someone asks this module for them. A CommonJS star source
                        // adds its names at run time, so it stays whenever this module does.
                        if (!interfaces.ContainsKey(target) && face.StarSpecifiers.Contains(edge.Specifier, StringComparer.Ordinal))
                        {
                            AskAll(target);
                        }

                        break;
                    default:
                        // import(), require() and injected polyfills use the whole module.
                        AskAll(target);
                        break;
                }

                // Loading a module with side effects is a use of it, whatever is imported.
                if (!graph.Modules[target].SideEffectFree)
                {
                    Keep(target);
                }
            }
        }

        private void AskAll(int id)
        {
            Keep(id);
            if (!_askedAll.Add(id) || !interfaces.ContainsKey(id))
            {
                return;
            }

            foreach (var name in linker.ExportNames(id))
            {
                Ask(id, name);
            }
        }

        private void Ask(int id, string name)
        {
            Keep(id);
            if (!_asked.Add((id, name)) || !interfaces.TryGetValue(id, out var face))
            {
                return;
            }

            if (face.Exports.TryGetValue(name, out var source))
            {
                switch (source)
                {
                    case IndirectExport indirect when indirect.ImportName == ModuleInterface.Namespace:
                        AskAll(linker.Target(id, indirect.Specifier));
                        break;
                    case IndirectExport indirect:
                        Ask(linker.Target(id, indirect.Specifier), indirect.ImportName);
                        break;
                    case NamespaceExport ns:
                        AskAll(linker.Target(id, ns.Specifier));
                        break;
                }

                return;
            }

            if (name == "default")
            {
                return;
            }

            foreach (var star in face.StarSpecifiers)
            {
                var target = linker.Target(id, star);
                if (!interfaces.ContainsKey(target))
                {
                    AskAll(target);
                }
                else if (linker.ResolveExport(target, name) is { } resolution && resolution != ResolvedBinding.Ambiguous)
                {
                    Ask(target, name);
                }
            }
        }
    }
}
