using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

/// <summary>How to parse one source text. The language is always the latest ECMAScript acorn accepts.</summary>
public sealed record ParserOptions
{
    /// <summary>Script (sloppy by default, Annex B on, as browsers parse classic scripts) or module.</summary>
    public SourceType SourceType { get; init; } = SourceType.Script;

    /// <summary>Collect comments into <see cref="Program.Comments"/>.</summary>
    public bool CollectComments { get; init; } = true;
}
