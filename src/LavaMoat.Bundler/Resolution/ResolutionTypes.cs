using System.Collections.Immutable;

namespace LavaMoat.Bundler.Resolution;

/// <summary>The syntax that asked for a module; it picks the <c>import</c> or <c>require</c> condition.</summary>
public enum ImportKind
{
    /// <summary><c>require('x')</c>.</summary>
    Require,

    /// <summary><c>import … from 'x'</c>, <c>export … from 'x'</c> and <c>import('x')</c>.</summary>
    Import,
}

/// <summary>One specifier to resolve, with where it was written (for diagnostics only).</summary>
/// <param name="Specifier">The string as written.</param>
/// <param name="Importer">Full path of the importing file.</param>
/// <param name="Kind">Import or require.</param>
/// <param name="Line">1-based line of the specifier, 0 if unknown.</param>
/// <param name="Column">1-based column of the specifier, 0 if unknown.</param>
public sealed record ResolveRequest(string Specifier, string Importer, ImportKind Kind, int Line = 0, int Column = 0);

/// <summary>What a specifier turned into.</summary>
public enum ResolvedModuleKind
{
    /// <summary>A file on disk (<see cref="ResolvedModule.Path"/> is its real path).</summary>
    File,

    /// <summary>An empty module because a <c>browser</c> field mapped the file or specifier to <c>false</c>.</summary>
    Empty,

    /// <summary>An empty module standing in for a Node builtin with no polyfill installed (a warning was issued).</summary>
    BuiltinMissing,
}

/// <summary>The rule that produced a result, for diagnostics and tests.</summary>
public enum ResolutionRule
{
    /// <summary>An entry point named by the user.</summary>
    Entry,

    /// <summary>'./x', '../x', '/x' as a file (exact or with an extension).</summary>
    RelativeFile,

    /// <summary>'./dir' through the directory's package.json or index file.</summary>
    DirectoryIndex,

    /// <summary>A package's <c>exports</c> (also for a self-reference by the package's own name).</summary>
    Exports,

    /// <summary>A package's <c>imports</c> ('#x').</summary>
    Imports,

    /// <summary>A package main from the string form of <c>browser</c>.</summary>
    BrowserMain,

    /// <summary>A package main from <c>module</c>.</summary>
    ModuleMain,

    /// <summary>A package main from <c>main</c>.</summary>
    Main,

    /// <summary>A package without usable main fields: its index file.</summary>
    PackageIndex,

    /// <summary>'pkg/sub/path' in a package without <c>exports</c>.</summary>
    PackageSubpath,

    /// <summary>The object form of <c>browser</c> replaced the file or specifier.</summary>
    BrowserMap,

    /// <summary>The object form of <c>browser</c> mapped the file or specifier to <c>false</c>.</summary>
    BrowserFalse,

    /// <summary>A Node builtin served by the polyfill package installed in the project.</summary>
    BuiltinPolyfill,

    /// <summary>A Node builtin with no polyfill: empty module.</summary>
    BuiltinMissing,
}

/// <summary>
/// A resolved module. <see cref="Path"/> is the real path (symlinks resolved) of the file, so a package reached
/// through two links is one module. <see cref="PackageScope"/> is the nearest folder with a package.json (Node's
/// package scope), which decides <c>browser</c>/<c>imports</c>; canonical package names come from
/// <c>Graph.PackageNames</c>, not from here.
/// </summary>
/// <param name="Kind">File or one of the empty-module kinds.</param>
/// <param name="Path">Full real path; null for empty modules.</param>
/// <param name="Rule">The last rule that decided the result.</param>
/// <param name="Detail">A human-readable trail, e.g. <c>exports["./feature/*"] → browser</c>.</param>
/// <param name="PackageScope">Full path of the nearest package.json folder of <see cref="Path"/>, if any.</param>
/// <param name="PackageRoot">Full path of the nearest folder whose package.json has a <c>name</c> (the package
/// the file ships in, skipping nested package.json files such as <c>{"type": "module"}</c> markers), else
/// <see cref="PackageScope"/>.</param>
/// <param name="BuiltinName">For builtins, the builtin's name without <c>node:</c>.</param>
public sealed record ResolvedModule(
    ResolvedModuleKind Kind,
    string? Path,
    ResolutionRule Rule,
    string Detail,
    string? PackageScope,
    string? PackageRoot,
    string? BuiltinName = null);

/// <summary>The outcome of one resolution: a module (maybe with warnings) or errors.</summary>
/// <param name="Module">The module, or null when resolution failed.</param>
/// <param name="Diagnostics">Warnings on success; at least one error on failure.</param>
public sealed record ResolveResult(ResolvedModule? Module, ImmutableArray<ResolutionDiagnostic> Diagnostics)
{
    /// <summary>True when <see cref="Module"/> is set.</summary>
    public bool Succeeded => Module is not null;
}

/// <summary>Settings of a <see cref="ModuleResolver"/>.</summary>
/// <param name="ProjectRoot">The project root (full path); output paths are relative to it.</param>
public sealed record ResolverOptions(string ProjectRoot)
{
    /// <summary>A missing builtin polyfill is an error instead of an empty module with a warning.</summary>
    public bool StrictBuiltins { get; init; }

    /// <summary>
    /// Conditions added to <c>browser</c> + <c>import</c>/<c>require</c> + <c>default</c> (for example
    /// <c>production</c>). Checked in the order the package lists them, like Node.
    /// </summary>
    public ImmutableArray<string> ExtraConditions { get; init; } = [];
}
