using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

/// <summary>How to parse one source text. The language is always the latest ECMAScript acorn accepts.</summary>
public sealed record ParserOptions
{
    /// <summary>Script (sloppy by default, Annex B on, as browsers parse classic scripts) or module.</summary>
    public SourceType SourceType { get; init; } = SourceType.Script;

    /// <summary>Collect comments into <see cref="Program.Comments"/>.</summary>
    public bool CollectComments { get; init; } = true;

    /// <summary>
    /// Parse a script as strict code from its first token, as if it began with <c>'use strict'</c> (a module is
    /// always strict). The bundler wraps CommonJS modules in a strict function, so a module that is only valid
    /// sloppy code must fail here, at its own position, rather than produce a bundle that does not parse.
    /// </summary>
    public bool Strict { get; init; }
}
