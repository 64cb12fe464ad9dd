namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ChainExpression</c>. Wraps an optional chain (a?.b.c); expression is a MemberExpression or CallExpression.</summary>
public sealed class ChainExpression : Expression
{
    public ChainExpression(Expression expression)
    {
        Expression = expression;
    }

    public override NodeType Type => NodeType.ChainExpression;

    public Expression Expression { get; }
}
