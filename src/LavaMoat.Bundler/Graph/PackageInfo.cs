using System.Collections.Immutable;

namespace LavaMoat.Bundler.Graph;

/// <summary>What kind of compartment a file belongs to.</summary>
public enum PackageKind
{
    /// <summary>The project's own files: <c>$root$</c>, trusted.</summary>
    Root,

    /// <summary>A package reached through declared dependencies.</summary>
    Dependency,

    /// <summary>A file outside the project root that no package covers: <c>external:&lt;relative path&gt;</c>.</summary>
    External,
}

/// <summary>
/// A package as LavaMoat names it. Two folders (a symlink and its target, or two installs reached by the same
/// logical path) never share a <see cref="PackageInfo"/>, but they can share a <see cref="Name"/>.
/// </summary>
/// <param name="Name">The canonical name: <c>$root$</c>, <c>a&gt;b&gt;@scope/c</c> or <c>external:../x.js</c>.</param>
/// <param name="Kind">Root, dependency or external.</param>
/// <param name="Directory">Full path of the package folder as reached by the walk (not resolved through
/// symlinks); for an external file, the file itself.</param>
/// <param name="RelativeDirectory">Project-relative '/' form of <see cref="Directory"/> ("." for the root).</param>
/// <param name="PackageJsonName">The <c>name</c> field, if any.</param>
/// <param name="Version">The <c>version</c> field, if any.</param>
/// <param name="DeclaredDependencies">Names from dependencies, optionalDependencies, peerDependencies (and, for the
/// root when development dependencies count, devDependencies), ordinal order, no duplicates.</param>
public sealed record PackageInfo(
    string Name,
    PackageKind Kind,
    string Directory,
    string RelativeDirectory,
    string? PackageJsonName,
    string? Version,
    ImmutableArray<string> DeclaredDependencies);
