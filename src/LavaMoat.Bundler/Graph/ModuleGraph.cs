using System.Collections.Immutable;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Resolution;
using ImportKind = LavaMoat.Bundler.Analysis.ImportKind;

namespace LavaMoat.Bundler.Graph;

/// <summary>What the graph stage is asked to build.</summary>
/// <param name="ProjectRoot">The project root (the folder with the app's package.json); every path in the
/// result is relative to it.</param>
/// <param name="Entries">Entry points, relative to <paramref name="ProjectRoot"/> or full paths, in the order
/// the user gave them (that order is kept in <see cref="ModuleGraph.EntryIds"/>).</param>
public sealed record GraphRequest(string ProjectRoot, ImmutableArray<string> Entries)
{
    /// <summary>A missing builtin polyfill is an error instead of an empty module with a warning.</summary>
    public bool StrictBuiltins { get; init; }

    /// <summary>Extra export conditions for the resolver (see <see cref="ResolverOptions.ExtraConditions"/>).</summary>
    public ImmutableArray<string> ExtraConditions { get; init; } = [];

    /// <summary>
    /// Per-module work that needs the syntax tree, run on the worker that parsed the module as soon as its imports
    /// are resolved; the result is kept as <see cref="GraphModule.Prepared"/>. With <see cref="KeepSyntax"/> off,
    /// the tree and scopes are dropped right after, so a build never holds every module's tree at once: they were
    /// most of its live memory, and the young collections that copied them most of its GC time (bench/README.md).
    /// </summary>
    public Func<ParsedModule, object?>? Prepare { get; init; }

    /// <summary>Keep <see cref="GraphModule.Program"/> and <see cref="GraphModule.Scope"/> (the default).</summary>
    public bool KeepSyntax { get; init; } = true;

    /// <summary>
    /// When set, reads of <c>process.env.NODE_ENV</c> become this string and the branches that makes dead are
    /// dropped before imports are collected (<see cref="NodeEnvFolding"/>); null leaves them as run-time reads.
    /// </summary>
    public string? NodeEnv { get; init; }
}

/// <summary>What <see cref="GraphRequest.Prepare"/> sees of a freshly parsed module (JavaScript only).</summary>
/// <param name="Path">Project-relative path, as <see cref="GraphModule.Path"/> will be.</param>
/// <param name="Format"><see cref="ModuleFormat.EsModule"/> or <see cref="ModuleFormat.CommonJs"/>.</param>
/// <param name="ResolvedSpecifiers">The specifiers of this module that resolved (its edges-to-be).</param>
public sealed record ParsedModule(
    string Path,
    string? Package,
    ModuleFormat Format,
    string Source,
    Syntax.Ast.Program Program,
    Syntax.Scoping.ScopeAnalysis Scope,
    IReadOnlySet<string> ResolvedSpecifiers,
    ImmutableArray<InjectedGlobal> InjectedGlobals)
{
    /// <summary>The facts of the tree's one shared walk; collected on first use unless the graph stage passes its own.</summary>
    public Analysis.SyntaxFacts Facts
    {
        get => field ??= Analysis.SyntaxFacts.Collect(Program, Scope);
        init;
    }
}

/// <summary>How a module's text is to be read by later stages.</summary>
public enum ModuleFormat
{
    /// <summary>An ECMAScript module (module goal).</summary>
    EsModule,

    /// <summary>A CommonJS module (script goal).</summary>
    CommonJs,

    /// <summary>A JSON file; its value is the module's export.</summary>
    Json,

    /// <summary>No code: a <c>browser: false</c> mapping or a Node builtin without a polyfill.</summary>
    Empty,
}

/// <summary>One dependency of a module, in source order.</summary>
/// <param name="Specifier">The specifier as written.</param>
/// <param name="Kind">The syntax that named it.</param>
/// <param name="Line">1-based line of the specifier.</param>
/// <param name="Column">1-based column of the specifier.</param>
/// <param name="Target">The id of the module it resolved to.</param>
public sealed record GraphEdge(string Specifier, ImportKind Kind, int Line, int Column, int Target);

/// <summary>A free global name bound to a polyfill module: <c>process</c> to <c>require("process")</c>,
/// <c>Buffer</c> to <c>require("buffer").Buffer</c>.</summary>
public sealed record InjectedGlobal(string Name, string Specifier);

/// <summary>
/// One module of the graph. Empty modules (<see cref="ResolvedModuleKind.Empty"/> and
/// <see cref="ResolvedModuleKind.BuiltinMissing"/>) are nodes too so that every resolved edge has a target;
/// their <see cref="Path"/> is a synthetic name in angle brackets (never a file) and <see cref="Package"/> is null.
/// </summary>
/// <param name="Id">Stable id: the index of the module in <see cref="ModuleGraph.Modules"/>.</param>
/// <param name="Path">Project-relative path with '/' (files outside the root start with '../'), or
/// <c>&lt;empty&gt;</c> / <c>&lt;builtin:name&gt;</c> for empty modules.</param>
/// <param name="Package">Canonical package name (<c>$root$</c>, <c>a&gt;b</c>, <c>external:…</c>); null for
/// empty modules and for files whose package could not be named (an LMB2101 error was reported).</param>
/// <param name="Kind">File or one of the empty kinds.</param>
/// <param name="Format">How to read <see cref="Source"/>.</param>
/// <param name="BuiltinName">For <see cref="ResolvedModuleKind.BuiltinMissing"/>, the builtin it stands for.</param>
/// <param name="Source">The module's text: the file as read (once), with the <see cref="GraphRequest.NodeEnv"/>
/// substitutions made (same length, same lines and columns); empty for empty modules.</param>
/// <param name="Dependencies">Resolved dependencies in source order.</param>
public sealed record GraphModule(
    int Id,
    string Path,
    string? Package,
    ResolvedModuleKind Kind,
    ModuleFormat Format,
    string? BuiltinName,
    string Source,
    ImmutableArray<GraphEdge> Dependencies)
{
    /// <summary>The parsed program (null for JSON and empty modules, and when <see cref="GraphRequest.KeepSyntax"/>
    /// is off), so later stages never parse again.</summary>
    public Syntax.Ast.Program? Program { get; init; }

    /// <summary>The scope analysis of <see cref="Program"/>, computed once by the graph stage.</summary>
    public Syntax.Scoping.ScopeAnalysis? Scope { get; init; }

    /// <summary>Free Node globals (<c>process</c>, <c>Buffer</c>) that this module gets from a polyfill package
    /// instead of the global object; each has a matching <see cref="GraphEdge"/> with the same specifier.</summary>
    public ImmutableArray<InjectedGlobal> InjectedGlobals { get; init; } = [];

    /// <summary>The file as read, for the source map's <c>sourcesContent</c> (differs from <see cref="Source"/>
    /// only where build-time substitutions were made).</summary>
    public string FileText { get; init; } = Source;

    /// <summary>Its package.json says it has no side effects (<c>"sideEffects": false</c>, or a pattern list it is
    /// not in): the transform stage may leave it out when nothing uses its exports.</summary>
    public bool SideEffectFree { get; init; }

    /// <summary>What <see cref="GraphRequest.Prepare"/> returned for this module (null when it did not run).</summary>
    public object? Prepared { get; init; }

    /// <summary>True for the code-less stand-ins of <see cref="ModuleFormat.Empty"/>.</summary>
    public bool IsEmpty => Format == ModuleFormat.Empty;
}

/// <summary>
/// The module graph: every module reachable from the entries, with stable ids. Ids are indexes into
/// <see cref="Modules"/>, which is sorted by <see cref="GraphModule.Path"/> in ordinal (UTF-16 code unit)
/// order. Paths are project-relative, so the same project gives the same ids on every run and from any
/// checkout folder; the order never depends on discovery order or thread timing.
/// </summary>
/// <param name="Modules">All modules, index = id.</param>
/// <param name="EntryIds">The entries' ids, in request order (an entry that failed to resolve is left out).</param>
/// <param name="Diagnostics">Every problem found, sorted by file, line, column, code and message.</param>
public sealed record ModuleGraph(
    ImmutableArray<GraphModule> Modules,
    ImmutableArray<int> EntryIds,
    ImmutableArray<ResolutionDiagnostic> Diagnostics)
{
    /// <summary>Full paths of the package.json files resolution and package naming read (inputs of the build).</summary>
    public ImmutableArray<string> PackageJsonFiles { get; init; } = [];

    /// <summary>True when any diagnostic is an error (the bundle must not be written).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == ResolutionSeverity.Error);

    /// <summary>The module with this project-relative path, if any.</summary>
    public GraphModule? Find(string path) => Modules.FirstOrDefault(m => string.Equals(m.Path, path, StringComparison.Ordinal));
}

/// <summary>The diagnostic codes of the graph stage.</summary>
public static class GraphCodes
{
    /// <summary>A file that does not parse (JavaScript in neither goal, or invalid JSON); it is left out of the graph.</summary>
    public const string SyntaxError = "LMB1001";

    /// <summary>A file that cannot be read from disk.</summary>
    public const string UnreadableFile = "LMB1002";

    /// <summary><c>require(x)</c> or <c>import(x)</c> with a non-literal argument: the target cannot be bundled (warning).</summary>
    public const string NonLiteralSpecifier = "LMB2201";
}
