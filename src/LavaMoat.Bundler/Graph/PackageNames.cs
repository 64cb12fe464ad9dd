using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Graph;

/// <summary>
/// LavaMoat's canonical package names, computed the way <c>@lavamoat/aa</c> 5.x does so existing
/// <c>policy.json</c> files keep matching:
/// <list type="bullet">
/// <item>A breadth-first walk from the project root over declared dependencies (dependencies,
/// optionalDependencies, peerDependencies, and devDependencies of the root only). Each name is looked up as
/// <c>&lt;dir&gt;/node_modules/&lt;name&gt;/package.json</c> from the depending package's folder upwards, without
/// resolving symlinks (like the <c>resolve</c> package aa uses); a dependency that is not installed is skipped.</item>
/// <item>A folder's name is its best logical path: fewest segments, then segment by segment the shorter name,
/// then ordinal (UTF-16) order; segments joined with '&gt;'. Paths never revisit a folder.</item>
/// <item>Extension: a dependency aa cannot find from the folder as reached is looked up from the folder's real
/// path, as Node does, so pnpm layouts get names instead of errors.</item>
/// <item>Every named folder whose real path differs (a symlink, a workspace link) also names its real path.</item>
/// <item>A file belongs to the nearest named folder above it; the project root is <c>$root$</c>. A file with no
/// named folder above it is <c>external:&lt;path relative to the root&gt;</c>. A file that sits below a
/// <c>node_modules</c> folder inside its nearest named folder belongs to an undeclared package: an error.</item>
/// </list>
/// Immutable after <see cref="Load"/>; safe to query from parallel stages.
/// </summary>
public sealed class PackageNames
{
    /// <summary>The name of the project's own compartment.</summary>
    public const string RootName = "$root$";

    /// <summary>The prefix of names for files outside every package.</summary>
    public const string ExternalPrefix = "external:";

    private readonly FrozenDictionary<string, PackageInfo> _byDirectory;

    private PackageNames(string projectRoot, FrozenDictionary<string, PackageInfo> byDirectory, ImmutableArray<PackageInfo> packages, ImmutableArray<ResolutionDiagnostic> diagnostics)
    {
        ProjectRoot = projectRoot;
        _byDirectory = byDirectory;
        Packages = packages;
        Diagnostics = diagnostics;
    }

    /// <summary>The normalised project root.</summary>
    public string ProjectRoot { get; }

    /// <summary>Every package the walk named (root first, then by folder), symlink aliases excluded.</summary>
    public ImmutableArray<PackageInfo> Packages { get; }

    /// <summary>Warnings from the walk (an unreadable package.json, whose dependencies are then not walked).</summary>
    public ImmutableArray<ResolutionDiagnostic> Diagnostics { get; }

    /// <summary>Walks the project's dependency tree and names every package folder.</summary>
    /// <param name="projectRoot">The project root (the folder with the app's package.json).</param>
    /// <param name="fileSystem">The build's shared disk cache, so package.json files are read once.</param>
    /// <param name="includeDevDependencies">Walk the root's devDependencies too. Defaults to true, as
    /// lavamoat-browserify does (it is how browserify's own <c>buffer</c>/<c>process</c> get names).</param>
    public static PackageNames Load(string projectRoot, ResolverFileSystem? fileSystem = null, bool includeDevDependencies = true)
    {
        ArgumentNullException.ThrowIfNull(projectRoot);
        var fs = fileSystem ?? new ResolverFileSystem();
        var root = ProjectPath.Normalize(projectRoot);
        var diagnostics = ImmutableArray.CreateBuilder<ResolutionDiagnostic>();

        var best = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var declared = new Dictionary<string, PackageJson?>(StringComparer.Ordinal);
        var level = new List<(string Directory, string[] Path, ImmutableHashSet<string> Visited)>
        {
            (root, [], ImmutableHashSet.Create(StringComparer.Ordinal, root)),
        };

        while (level.Count > 0)
        {
            // One entry per folder per level: only the best path found at this depth can lead to best paths below.
            var next = new Dictionary<string, (string[] Path, ImmutableHashSet<string> Visited)>(StringComparer.Ordinal);
            foreach (var (directory, logicalPath, visited) in level)
            {
                var package = ReadPackage(fs, root, directory, declared, diagnostics);
                foreach (var dependency in DeclaredNames(package, includeDevDependencies && logicalPath.Length == 0))
                {
                    // aa looks from the folder as reached (symlinks kept); Node looks from the real folder. Trying the
                    // real folder second only names packages aa cannot find (pnpm's .pnpm layout), so every name aa
                    // gives stays the same.
                    var child = FindDependency(fs, dependency, directory)
                        ?? (fs.RealPath(directory) is var real && real != directory ? FindDependency(fs, dependency, real) : null);
                    if (child is null || visited.Contains(child))
                    {
                        continue;
                    }

                    string[] candidate = [.. logicalPath, dependency];
                    if (ComparePaths(candidate, best.GetValueOrDefault(child)) < 0)
                    {
                        best[child] = candidate;
                        next[child] = (candidate, visited.Add(child));
                    }
                }
            }

            level = [];
            foreach (var (child, (path, visitedThere)) in OrdinalOrder.ByKey(next))
            {
                level.Add((child, path, visitedThere));
            }
        }

        var packages = ImmutableArray.CreateBuilder<PackageInfo>();
        var byDirectory = new Dictionary<string, PackageInfo>(StringComparer.Ordinal);
        var rootPackage = ReadPackage(fs, root, root, declared, diagnostics);
        var rootInfo = new PackageInfo(RootName, PackageKind.Root, root, ".", rootPackage?.Name, rootPackage?.Version,
            [.. DeclaredNames(rootPackage, includeDevDependencies).Distinct().Order(StringComparer.Ordinal)]);
        packages.Add(rootInfo);
        byDirectory[root] = rootInfo;

        foreach (var (directory, logicalPath) in OrdinalOrder.ByKey(best))
        {
            if (directory == root)
            {
                continue;
            }

            var package = ReadPackage(fs, root, directory, declared, diagnostics);
            var info = new PackageInfo(string.Join('>', logicalPath), PackageKind.Dependency, directory,
                ProjectPath.ToRelative(root, directory), package?.Name, package?.Version,
                [.. DeclaredNames(package, false).Distinct().Order(StringComparer.Ordinal)]);
            packages.Add(info);
            byDirectory[directory] = info;
        }

        // Real paths of linked folders: files are resolved to real paths, so they must find the same package.
        // When several links share a target, the best name wins (aa keeps whichever it met last).
        var aliases = new Dictionary<string, (PackageInfo Info, string[] Path)>(StringComparer.Ordinal);
        foreach (var info in packages)
        {
            var real = fs.RealPath(info.Directory);
            if (real == info.Directory || byDirectory.ContainsKey(real))
            {
                continue;
            }

            var path = info.Kind == PackageKind.Root ? [] : best[info.Directory];
            if (!aliases.TryGetValue(real, out var current) || ComparePaths(path, current.Path) < 0)
            {
                aliases[real] = (info, path);
            }
        }

        foreach (var (real, alias) in aliases)
        {
            byDirectory[real] = alias.Info;
        }

        return new PackageNames(root, byDirectory.ToFrozenDictionary(StringComparer.Ordinal), packages.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>The canonical name of the package that owns <paramref name="filePath"/> (a full path).</summary>
    /// <exception cref="InvalidOperationException">The file is in an undeclared package; the message is the
    /// diagnostic. Use <see cref="TryGetPackage"/> to get it as a record.</exception>
    public string GetName(string filePath) => GetPackage(filePath).Name;

    /// <summary>The package that owns <paramref name="filePath"/> (a full path, normally a real path).</summary>
    /// <exception cref="InvalidOperationException">The file is in an undeclared package.</exception>
    public PackageInfo GetPackage(string filePath) =>
        TryGetPackage(filePath, out var package, out var error) ? package : throw new InvalidOperationException(error.ToString());

    /// <summary>
    /// The package that owns <paramref name="filePath"/>, or an <c>LMB2101</c> error when the file is inside a
    /// <c>node_modules</c> folder that no declared dependency path reaches.
    /// </summary>
    public bool TryGetPackage(string filePath, [NotNullWhen(true)] out PackageInfo? package, [NotNullWhen(false)] out ResolutionDiagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        var file = ProjectPath.Normalize(filePath);
        for (var directory = file; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (!_byDirectory.TryGetValue(directory, out var owner))
            {
                continue;
            }

            var inside = ProjectPath.ToRelative(directory, file).Split('/');
            var nested = Array.LastIndexOf(inside, "node_modules");
            if (nested >= 0)
            {
                var packageSegments = nested + 1 < inside.Length && inside[nested + 1].StartsWith('@') ? 2 : 1;
                var unknown = Path.Join(directory, string.Join(Path.DirectorySeparatorChar, inside.Take(Math.Min(inside.Length, nested + 1 + packageSegments))));
                package = null;
                error = new ResolutionDiagnostic(
                    ResolutionCodes.UnknownPackageDirectory,
                    ResolutionSeverity.Error,
                    $"'{ProjectPath.ToRelative(ProjectRoot, file)}' belongs to the package folder '{ProjectPath.ToRelative(ProjectRoot, unknown)}', " +
                    $"which no declared dependency reaches from the project's package.json (nearest named package: '{owner.Name}'); " +
                    "declare it in dependencies (or in the package that needs it)",
                    ProjectPath.ToRelative(ProjectRoot, file), 0, 0, null, []);
                return false;
            }

            package = owner;
            error = null;
            return true;
        }

        var relative = ProjectPath.ToRelative(ProjectRoot, file);
        package = new PackageInfo(ExternalPrefix + relative, PackageKind.External, file, relative, null, null, []);
        error = null;
        return true;
    }

    /// <summary>The package named by the walk for exactly this folder (or its real path), if any.</summary>
    public PackageInfo? FindByDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return _byDirectory.GetValueOrDefault(ProjectPath.Normalize(directory));
    }

    /// <summary>aa's segment preference: the shorter name, then ordinal (UTF-16) order.</summary>
    public static int CompareSegments(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
    }

    /// <summary>aa's path preference: fewer segments, then the first differing segment decides. Null is worst.</summary>
    public static int ComparePaths(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : 1) : -1;
        }

        if (a.Count != b.Count)
        {
            return a.Count.CompareTo(b.Count);
        }

        for (var i = 0; i < a.Count; i++)
        {
            var comparison = CompareSegments(a[i], b[i]);
            if (comparison != 0)
            {
                return comparison;
            }
        }

        return 0;
    }

    private static IEnumerable<string> DeclaredNames(PackageJson? package, bool includeDev) =>
        package is null
            ? []
            : package.Dependencies.Concat(package.OptionalDependencies).Concat(package.PeerDependencies)
                .Concat(includeDev ? package.DevDependencies : []);

    private static PackageJson? ReadPackage(ResolverFileSystem fs, string root, string directory, Dictionary<string, PackageJson?> seen, ImmutableArray<ResolutionDiagnostic>.Builder diagnostics)
    {
        if (seen.TryGetValue(directory, out var known))
        {
            return known;
        }

        var read = fs.ReadPackageJson(directory);
        if (read.Error is not null)
        {
            var file = ProjectPath.ToRelative(root, Path.Join(directory, "package.json"));
            diagnostics.Add(new ResolutionDiagnostic(ResolutionCodes.InvalidPackageConfiguration, ResolutionSeverity.Warning,
                $"{file}: {read.Error}; its dependencies get no package names", file, 0, 0, null, []));
        }

        seen[directory] = read.Package;
        return read.Package;
    }

    // aa resolves '<name>/package.json' with the 'resolve' package: node_modules folders from the depending
    // package upwards, symlinks preserved, a missing dependency silently skipped.
    private static string? FindDependency(ResolverFileSystem fs, string name, string fromDirectory)
    {
        if (!ModuleResolver.TrySplitPackageSpecifier(name, out _, out var subpath) || subpath.Length != 0)
        {
            return null;
        }

        for (var directory = fromDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = ProjectPath.Combine(directory, "node_modules/" + name);
            if (fs.IsFile(Path.Join(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}
