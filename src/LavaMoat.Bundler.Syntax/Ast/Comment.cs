namespace LavaMoat.Bundler.Syntax.Ast;

public enum CommentKind
{
    Line,
    Block,
}

/// <summary>
/// A comment as acorn's <c>onComment</c> reports it: <see cref="Value"/> excludes the delimiters
/// (<c>//</c>, <c>/* */</c>, <c>#!</c>, <c>&lt;!--</c>, <c>--&gt;</c>).
/// </summary>
public sealed record Comment(CommentKind Kind, string Value, int Start, int End, SourceLocation Location);
