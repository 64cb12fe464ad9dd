namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>EmptyStatement</c>.</summary>
public sealed class EmptyStatement : Statement
{
    public override NodeType Type => NodeType.EmptyStatement;
}
