namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ThisExpression</c>.</summary>
public sealed class ThisExpression : Expression
{
    public override NodeType Type => NodeType.ThisExpression;
}
