using System.Collections.Immutable;
using System.Globalization;
using LavaMoat.Bundler.Analysis;

namespace LavaMoat.Bundler.Policy;

/// <summary>One module's contribution to policy generation, produced by the pipeline from the module graph.</summary>
/// <param name="Package">The module's canonical package name (<c>$root$</c>, <c>a&gt;b</c>, <c>external:…</c>).</param>
/// <param name="File">Project-relative path with '/': it is written into policy-debug.json, so never absolute.</param>
/// <param name="Globals">The module's globals from <see cref="GlobalUsageAnalyzer.Analyze"/>.</param>
/// <param name="Imports">Every resolved import, require, export-from and <c>import()</c> of the module.</param>
public sealed record PolicyModule(string Package, string File, GlobalUsage Globals, ImmutableArray<PolicyImport> Imports);

/// <summary>A resolved dependency of a <see cref="PolicyModule"/>.</summary>
/// <param name="Package">Canonical name of the package of the module it resolved to; null for empty modules
/// (<c>browser: false</c>, a builtin without polyfill), which never need a permission.</param>
/// <param name="Specifier">The specifier as written.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record PolicyImport(string? Package, string Specifier, int Line, int Column);

/// <summary>A generated policy and, for each of its permissions, the places in the code that need it.</summary>
public sealed record GeneratedPolicy(LavaMoatPolicy Policy, PolicyEvidence Evidence);

/// <summary>A place in a module that needs a permission.</summary>
/// <param name="File">Project-relative path of the module.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Use">What is there: the global path as used (<c>document.title</c>, with <c> (write)</c> for an
/// assignment), or the import specifier.</param>
public sealed record EvidenceSite(string File, int Line, int Column, string Use) : IComparable<EvidenceSite>
{
    public int CompareTo(EvidenceSite? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = string.CompareOrdinal(File, other.File);
        if (result == 0)
        {
            result = Line.CompareTo(other.Line);
        }

        if (result == 0)
        {
            result = Column.CompareTo(other.Column);
        }

        return result != 0 ? result : string.CompareOrdinal(Use, other.Use);
    }

    public static bool operator <(EvidenceSite? left, EvidenceSite? right) => Compare(left, right) < 0;

    public static bool operator >(EvidenceSite? left, EvidenceSite? right) => Compare(left, right) > 0;

    public static bool operator <=(EvidenceSite? left, EvidenceSite? right) => Compare(left, right) <= 0;

    public static bool operator >=(EvidenceSite? left, EvidenceSite? right) => Compare(left, right) >= 0;

    /// <summary><c>file:line:column</c>, as editors and terminals link it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column} ({Use})");

    private static int Compare(EvidenceSite? left, EvidenceSite? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}

/// <summary>Why a package gets a global path: the places that use it (or a deeper path it absorbed).</summary>
public sealed record GlobalEvidence(string Package, string Path, GlobalAccess Access, ImmutableArray<EvidenceSite> Sites);

/// <summary>Why a package may require another: the places that import it.</summary>
public sealed record PackageEvidence(string Package, string Dependency, ImmutableArray<EvidenceSite> Sites);

/// <summary>
/// The evidence of every permission of a generated policy, sorted by package (ordinal), then path or dependency
/// (ordinal); the sites of each by file, line and column.
/// </summary>
public sealed record PolicyEvidence(ImmutableArray<GlobalEvidence> Globals, ImmutableArray<PackageEvidence> Packages)
{
    public static PolicyEvidence Empty { get; } = new([], []);
}

/// <summary>
/// Builds a policy from per-module analysis the way lavamoat-core's module inspector aggregates it
/// (<c>generatePolicy.js</c>), so an app's policy matches the one LavaMoat would write:
/// <list type="bullet">
/// <item><c>$root$</c> gets no entry (LavaMoat trusts the root by default), so its modules are not aggregated.</item>
/// <item>A package's globals are the union of its modules' globals; a path is dropped when an ancestor path is
/// present (<c>reduceToTopmostApiCalls</c>) and is <c>"write"</c> when some module assigns exactly that path.</item>
/// <item>A nested write (<c>foo.bar = 1</c>, which LavaMoat records as a write of <c>foo.bar</c>) also grants read of
/// its top-level name, which then absorbs it: the runtime has no nested writes, but the assignment needs
/// <c>foo</c> (lavamoat-core's "temporary fix", issue #1554).</item>
/// <item><c>packages</c> lists every other package a module of the package resolved an import to. Edges to
/// <c>$root$</c> are kept, as LavaMoat keeps them: the runtime checks them like any other. Empty modules are no
/// package.</item>
/// <item><c>builtin</c> stays empty: browsers have no Node builtins (polyfills are packages).</item>
/// <item>A package that needs nothing gets no entry.</item>
/// </list>
/// Two deliberate differences: lavamoat-core can lose a <c>"write"</c> when a later module of the same package writes
/// a nested path under it (its fix overwrites the value with <c>true</c>, depending on module order); we keep the
/// write, which the code needs. And a path is cut before a <c>__proto__</c> segment (<c>a.__proto__.b</c> gives
/// <c>a</c>): such a path is rejected by the runtime and by our policy loader, and granting <c>a</c> is what the code
/// needs.
/// </summary>
public static class PolicyGenerator
{
    public static GeneratedPolicy Generate(IEnumerable<PolicyModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var packages = new Dictionary<string, PackageAccumulator>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            ArgumentNullException.ThrowIfNull(module);
            if (string.Equals(module.Package, LavaMoatPolicy.RootPackageName, StringComparison.Ordinal))
            {
                continue;
            }

            if (!packages.TryGetValue(module.Package, out var package))
            {
                package = new PackageAccumulator();
                packages.Add(module.Package, package);
            }

            package.Add(module);
        }

        var resources = new Dictionary<string, PackagePolicy>(StringComparer.Ordinal);
        var globalEvidence = ImmutableArray.CreateBuilder<GlobalEvidence>();
        var packageEvidence = ImmutableArray.CreateBuilder<PackageEvidence>();
        foreach (var name in packages.Keys.Order(StringComparer.Ordinal))
        {
            var (policy, globals, edges) = packages[name].Build(name);
            if (policy.Globals.Count == 0 && policy.Packages.Count == 0)
            {
                continue;
            }

            resources.Add(name, policy);
            globalEvidence.AddRange(globals);
            packageEvidence.AddRange(edges);
        }

        return new GeneratedPolicy(new LavaMoatPolicy(resources), new PolicyEvidence(globalEvidence.ToImmutable(), packageEvidence.ToImmutable()));
    }

    /// <summary>The path a policy can hold for <paramref name="path"/>: cut before the first <c>__proto__</c> segment (null when nothing is left).</summary>
    internal static string? PolicyPath(string path)
    {
        var segments = path.Split('.');
        var keep = Array.IndexOf(segments, "__proto__");
        if (keep < 0)
        {
            return path;
        }

        return keep == 0 ? null : string.Join('.', segments[..keep]);
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="path"/> or one of its dotted prefixes (<c>a</c> for <c>a.b</c>, not for <c>ab</c>).</summary>
    internal static bool IsSameOrAncestor(string ancestor, string path) =>
        path.StartsWith(ancestor, StringComparison.Ordinal)
        && (path.Length == ancestor.Length || path[ancestor.Length] == '.');

    private sealed class PackageAccumulator
    {
        // Path → whether some module writes exactly it; sites are credited to the final (topmost) path later.
        private readonly Dictionary<string, bool> _paths = new(StringComparer.Ordinal);
        private readonly List<(string Path, EvidenceSite Site)> _globalSites = [];
        private readonly Dictionary<string, List<EvidenceSite>> _edges = new(StringComparer.Ordinal);

        public void Add(PolicyModule module)
        {
            foreach (var use in module.Globals.Globals)
            {
                if (PolicyPath(use.Path) is not { } path)
                {
                    continue;
                }

                var write = use.Access == GlobalUseKind.Write && string.Equals(path, use.Path, StringComparison.Ordinal);
                _paths[path] = (_paths.TryGetValue(path, out var before) && before) || write;
                if (write && path.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
                {
                    // The nested write needs its top-level object (see the class comment).
                    _paths.TryAdd(path[..dot], false);
                }

                var sites = 0;
                foreach (var occurrence in module.Globals.Occurrences)
                {
                    if (IsSameOrAncestor(use.Path, occurrence.Path))
                    {
                        _globalSites.Add((path, Site(module.File, occurrence.Position, Describe(occurrence.Path, occurrence.Access))));
                        sites++;
                    }
                }

                // A usage built without occurrences still has positions.
                if (sites == 0)
                {
                    foreach (var position in use.Positions)
                    {
                        _globalSites.Add((path, Site(module.File, position, Describe(use.Path, use.Access))));
                    }
                }
            }

            foreach (var import in module.Imports)
            {
                if (import.Package is null || string.Equals(import.Package, module.Package, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!_edges.TryGetValue(import.Package, out var sites))
                {
                    sites = [];
                    _edges.Add(import.Package, sites);
                }

                sites.Add(new EvidenceSite(module.File, import.Line, import.Column, import.Specifier));
            }
        }

        public (PackagePolicy Policy, List<GlobalEvidence> Globals, List<PackageEvidence> Edges) Build(string name)
        {
            var globals = new Dictionary<string, GlobalAccess>(StringComparer.Ordinal);
            foreach (var path in _paths.Keys.Order(StringComparer.Ordinal))
            {
                if (!HasAncestorIn(path, _paths))
                {
                    globals.Add(path, _paths[path] ? GlobalAccess.Write : GlobalAccess.Read);
                }
            }

            var sitesByPath = new Dictionary<string, List<EvidenceSite>>(StringComparer.Ordinal);
            foreach (var (path, site) in _globalSites)
            {
                var kept = Topmost(path, globals);
                if (!sitesByPath.TryGetValue(kept, out var list))
                {
                    list = [];
                    sitesByPath.Add(kept, list);
                }

                list.Add(site);
            }

            var globalEvidence = globals.Keys
                .Select(path => new GlobalEvidence(name, path, globals[path], Sorted(sitesByPath.GetValueOrDefault(path))))
                .ToList();

            var packages = new Dictionary<string, bool>(StringComparer.Ordinal);
            var edgeEvidence = new List<PackageEvidence>();
            foreach (var dependency in _edges.Keys.Order(StringComparer.Ordinal))
            {
                packages.Add(dependency, true);
                edgeEvidence.Add(new PackageEvidence(name, dependency, Sorted(_edges[dependency])));
            }

            return (new PackagePolicy(globals, packages, new Dictionary<string, bool>(StringComparer.Ordinal)), globalEvidence, edgeEvidence);
        }

        private static bool HasAncestorIn(string path, Dictionary<string, bool> paths)
        {
            for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = path.IndexOf('.', dot + 1))
            {
                if (paths.ContainsKey(path[..dot]))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Topmost(string path, Dictionary<string, GlobalAccess> kept)
        {
            for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = path.IndexOf('.', dot + 1))
            {
                if (kept.ContainsKey(path[..dot]))
                {
                    return path[..dot];
                }
            }

            return path;
        }

        private static ImmutableArray<EvidenceSite> Sorted(List<EvidenceSite>? sites) =>
            sites is null ? [] : [.. sites.Distinct().Order()];

        private static EvidenceSite Site(string file, Syntax.Ast.Position position, string use) =>
            new(file, position.Line, position.Column + 1, use);

        private static string Describe(string path, GlobalUseKind access) =>
            access == GlobalUseKind.Write ? path + " (write)" : path;
    }
}
