namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>Program</c>. The root. body holds statements and, in modules, import/export declarations.</summary>
public sealed class Program : Node
{
    public Program(NodeList<Statement> body, SourceType sourceType, IReadOnlyList<Comment>? comments = null, bool isStrict = false)
    {
        Body = body;
        SourceType = sourceType;
        Comments = comments ?? [];
        IsStrict = isStrict;
    }

    public override NodeType Type => NodeType.Program;

    public NodeList<Statement> Body { get; }
    public SourceType SourceType { get; }

    /// <summary>Every comment in source order (not part of acorn's tree JSON).</summary>
    public IReadOnlyList<Comment> Comments { get; }

    /// <summary>True for modules and for scripts that start with a <c>'use strict'</c> directive.</summary>
    public bool IsStrict { get; }

    /// <summary>How many <c>import(…)</c> expressions the parser built (not part of acorn's tree JSON): a check for
    /// them needs no walk of the tree.</summary>
    public int ImportExpressionCount { get; init; }

    /// <summary>Every identifier name in the program and more (contextual keywords, property and private names),
    /// escapes decoded; not part of acorn's tree JSON. A name no code uses can be chosen by avoiding these, without
    /// a walk of the tree.</summary>
    public IReadOnlyCollection<string> Names { get; init; } = [];
}
