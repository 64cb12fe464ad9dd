using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Analysis;

/// <summary>How a module names another one.</summary>
public enum ImportKind
{
    /// <summary><c>import … from 'x'</c> or <c>import 'x'</c>.</summary>
    Import,

    /// <summary><c>export … from 'x'</c> and <c>export * from 'x'</c>.</summary>
    ExportFrom,

    /// <summary><c>require('x')</c> where <c>require</c> is the free CommonJS binding.</summary>
    Require,

    /// <summary><c>import('x')</c>.</summary>
    DynamicImport,
}

/// <summary>
/// One dependency edge as written in the source. <see cref="Specifier"/> is null when the argument of
/// <c>require</c>/<c>import()</c> is not a literal, so the target cannot be known at build time.
/// <see cref="Position"/> is where the specifier (or the non-literal argument) starts.
/// </summary>
public sealed record ModuleImport(string? Specifier, ImportKind Kind, Position Position);
