namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>YieldExpression</c>.</summary>
public sealed class YieldExpression : Expression
{
    public YieldExpression(bool isDelegate, Expression? argument)
    {
        IsDelegate = isDelegate;
        Argument = argument;
    }

    public override NodeType Type => NodeType.YieldExpression;

    public bool IsDelegate { get; }
    public Expression? Argument { get; }
}
