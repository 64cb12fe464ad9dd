using System.Collections.Concurrent;
using LavaMoat.Bundler.Graph;

namespace LavaMoat.Bundler.Transform;

/// <summary>A binding an export name resolves to: a local binding of a module, or a module's namespace.</summary>
internal sealed record ResolvedBinding(int Module, string Binding)
{
    public const string NamespaceBinding = "*namespace*";

    /// <summary>Marks a name that two <c>export *</c> sources provide with different bindings (left out, per spec).</summary>
    public static ResolvedBinding Ambiguous { get; } = new(-1, "*ambiguous*");
}

/// <summary>
/// Build-time linking of the ES modules of a graph (ECMA-262 GetExportedNames / ResolveExport): the names each
/// namespace has, including those that arrive through <c>export *</c> (ambiguous ones and <c>default</c> left
/// out), checks that every imported name exists, and which modules are async (top-level await, or a static
/// dependency that is). CommonJS modules have no static names: their exports are read at run time.
/// </summary>
internal sealed class EsmLinker
{
    private readonly ModuleGraph _graph;
    // Read-only after construction, so the parallel transforms may read it. Not a FrozenDictionary: building one
    // over int keys is compiled at run time in every build (the tool's precompiled image lacks that instantiation).
    private readonly Dictionary<int, ModuleInterface> _interfaces;
    private readonly ConcurrentDictionary<int, IReadOnlyList<string>> _exportNames = new(); // modules transform in parallel
    private readonly HashSet<int> _async;

    public EsmLinker(ModuleGraph graph, IReadOnlyDictionary<int, ModuleInterface> interfaces)
    {
        _graph = graph;
        _interfaces = new Dictionary<int, ModuleInterface>(interfaces.Count);
        foreach (var (id, face) in interfaces)
        {
            _interfaces.Add(id, face);
        }

        _async = FindAsyncModules();
    }

    public ModuleInterface? Interface(int id) => _interfaces.GetValueOrDefault(id);

    public bool IsEsModule(int id) => _interfaces.ContainsKey(id);

    public bool IsAsync(int id) => _async.Contains(id);

    /// <summary>The module that <paramref name="specifier"/>, written in module <paramref name="from"/>, resolved to.</summary>
    public int Target(int from, string specifier)
    {
        foreach (var edge in _graph.Modules[from].Dependencies)
        {
            if (string.Equals(edge.Specifier, specifier, StringComparison.Ordinal))
            {
                return edge.Target;
            }
        }

        throw new InvalidOperationException($"{_graph.Modules[from].Path}: \"{specifier}\" has no resolved edge");
    }

    /// <summary>Every export name of an ES module's namespace, sorted by code unit.</summary>
    public IReadOnlyList<string> ExportNames(int id)
    {
        if (_exportNames.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        CollectExportNames(id, [], names);
        var result = names.Where(name => ResolveExport(id, name) is { } r && r != ResolvedBinding.Ambiguous).ToList();
        _exportNames[id] = result;
        return result;
    }

    private void CollectExportNames(int id, HashSet<int> visited, SortedSet<string> names)
    {
        if (!visited.Add(id) || Interface(id) is not { } module)
        {
            return;
        }

        bool isRoot = visited.Count == 1;
        foreach (var name in module.Exports.Keys)
        {
            if (isRoot || name != "default")
            {
                names.Add(name);
            }
        }

        foreach (var star in module.StarSpecifiers)
        {
            var starNames = new SortedSet<string>(StringComparer.Ordinal);
            CollectExportNames(Target(id, star), visited, starNames);
            foreach (var name in starNames)
            {
                if (name != "default")
                {
                    names.Add(name);
                }
            }
        }
    }

    /// <summary>What <paramref name="name"/> of module <paramref name="id"/> is bound to; null when it has no such
    /// export; <see cref="ResolvedBinding.Ambiguous"/> when two star exports disagree. A CommonJS module resolves
    /// every name to its (run-time) property.</summary>
    public ResolvedBinding? ResolveExport(int id, string name) => ResolveExport(id, name, []);

    private ResolvedBinding? ResolveExport(int id, string name, HashSet<(int, string)> resolving)
    {
        if (Interface(id) is not { } module)
        {
            return new ResolvedBinding(id, name);
        }

        if (!resolving.Add((id, name)))
        {
            return null; // a circular import request
        }

        if (module.Exports.TryGetValue(name, out var source))
        {
            return source switch
            {
                LocalExport local => new ResolvedBinding(id, local.LocalName),
                NamespaceExport ns => new ResolvedBinding(Target(id, ns.Specifier), ResolvedBinding.NamespaceBinding),
                IndirectExport indirect => indirect.ImportName == ModuleInterface.Namespace
                    ? new ResolvedBinding(Target(id, indirect.Specifier), ResolvedBinding.NamespaceBinding)
                    : ResolveExport(Target(id, indirect.Specifier), indirect.ImportName, resolving),
                _ => throw new InvalidOperationException("unknown export source"),
            };
        }

        if (name == "default")
        {
            return null;
        }

        ResolvedBinding? found = null;
        int? commonJsStar = null;
        foreach (var star in module.StarSpecifiers)
        {
            var target = Target(id, star);
            if (!IsEsModule(target))
            {
                // CommonJS names join at run time, after the static ones (see kernel.js).
                commonJsStar ??= target;
                continue;
            }

            var resolution = ResolveExport(target, name, resolving);
            if (resolution == ResolvedBinding.Ambiguous)
            {
                return resolution;
            }

            if (resolution is null)
            {
                continue;
            }

            if (found is null)
            {
                found = resolution;
            }
            else if (found != resolution)
            {
                return ResolvedBinding.Ambiguous;
            }
        }

        // Not a static name: it may be one a CommonJS star source provides when it runs; the import then reads it.
        return found ?? (commonJsStar is { } cjs ? new ResolvedBinding(cjs, name) : null);
    }

    /// <summary>The first <c>export *</c> source of module <paramref name="id"/> that provides <paramref name="name"/>.</summary>
    public string? StarSourceOf(int id, string name)
    {
        var module = Interface(id)!;
        foreach (var star in module.StarSpecifiers)
        {
            var target = Target(id, star);
            if (IsEsModule(target) && ResolveExport(target, name) is { } r && r != ResolvedBinding.Ambiguous)
            {
                return star;
            }
        }

        return null;
    }

    // A module is async when it awaits at its top level or statically imports an async module (ECMA-262's
    // [[HasTLA]] and the async-parent propagation); a fixpoint over the graph.
    private HashSet<int> FindAsyncModules()
    {
        var result = new HashSet<int>();
        foreach (var (id, face) in _interfaces)
        {
            if (face.HasTopLevelAwait)
            {
                result.Add(id);
            }
        }

        var changed = result.Count > 0;
        while (changed)
        {
            changed = false;
            foreach (var (id, module) in _interfaces)
            {
                if (result.Contains(id))
                {
                    continue;
                }

                if (module.Requests.Any(r => result.Contains(Target(id, r))))
                {
                    result.Add(id);
                    changed = true;
                }
            }
        }

        return result;
    }
}
