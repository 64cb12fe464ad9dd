namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>Super</c>.</summary>
public sealed class Super : Expression
{
    public override NodeType Type => NodeType.Super;
}
