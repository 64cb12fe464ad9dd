namespace LavaMoat.Bundler.Emit;

/// <summary>
/// One module, ready to be wrapped: what the transform stage hands the bundle writer.
/// </summary>
/// <param name="Id">The module id; unique across every bundle loaded on one page (a later bundle may require a
/// module of an earlier one by id).</param>
/// <param name="PackageName">The canonical package name (<c>$root$</c>, <c>foo</c>, <c>foo&gt;bar</c>, <c>external:…</c>).</param>
/// <param name="File">The file path relative to the project root, with forward slashes; never absolute, so builds are
/// reproducible. Also the source name in the source map.</param>
/// <param name="Dependencies">The specifier as written in <c>require(…)</c> to the id of the module it resolves to.</param>
/// <param name="Code">The body of the module function (CommonJS shape: it sees <c>require</c>, <c>module</c>, <c>exports</c>;
/// <c>this</c> is <c>module.exports</c>). It is emitted verbatim from column 0 of a fresh line, so it keeps its
/// line/column layout in the bundle. It must be a complete function body that parses on its own (the transform
/// stage checks this); the writer rejects native <c>import(</c> and HTML-like comments as a backstop.</param>
/// <param name="Source">The original source and how <see cref="Code"/> maps onto it; <c>null</c> leaves the module
/// out of the source map.</param>
public sealed record ModuleRecord(
    int Id,
    string PackageName,
    string File,
    IReadOnlyDictionary<string, int> Dependencies,
    string Code,
    ModuleSource? Source)
{
    /// <summary>How the kernel runs the module function.</summary>
    public ModuleShape Shape { get; init; } = ModuleShape.CommonJs;

    /// <summary>The name under which the code uses the kernel's module helper (import(), import.meta, and for ES
    /// modules everything); null when CommonJS code does not need it. Chosen by the transform so it clashes with
    /// no name in the module.</summary>
    public string? HelperName { get; init; }

    /// <summary>
    /// Set by the transform stage when <see cref="Code"/> is exactly the text the graph stage parsed as a strict
    /// script and nothing in it stops it from reading as the body of its CommonJS wrapper (see
    /// <see cref="Emit.BundleVerifier"/>); the bundle writer then does not parse it again. Internal: it is a proof
    /// only our own stages can give.
    /// </summary>
    public bool ParsedAsWrapperBody { get; internal init; }
}

/// <summary>The calling convention of a module function.</summary>
public enum ModuleShape
{
    /// <summary><c>function (require, module, exports[, helper])</c>, called with <c>this</c> = <c>module.exports</c>.</summary>
    CommonJs,

    /// <summary><c>function (helper)</c>, called with <c>this</c> undefined; see runtime-js/kernel.js.</summary>
    EsModule,

    /// <summary>An ES module with top-level await (or an async dependency): <c>async function (helper)</c>.</summary>
    AsyncEsModule,
}

/// <summary>The original text of a module and the map from <see cref="ModuleRecord.Code"/> positions to it.</summary>
/// <param name="OriginalText">The file as read from disk (goes to <c>sourcesContent</c>).</param>
/// <param name="Mappings">Segments from emitted code to original positions, sorted by generated position; <c>null</c>
/// when the code is the original text itself (the writer then maps every token start to itself).</param>
public sealed record ModuleSource(string OriginalText, IReadOnlyList<CodeMapping>? Mappings = null)
{
    /// <summary>The code is the original text (CommonJS modules that need no transform).</summary>
    public static ModuleSource Identity(string originalText) => new(originalText);
}

/// <summary>
/// A position in <see cref="ModuleRecord.Code"/> (0-based line and UTF-16 column) and the original position it
/// comes from; it holds until the next mapping on the same line.
/// </summary>
public readonly record struct CodeMapping(int GeneratedLine, int GeneratedColumn, int OriginalLine, int OriginalColumn);
