namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>AwaitExpression</c>.</summary>
public sealed class AwaitExpression : Expression
{
    public AwaitExpression(Expression argument)
    {
        Argument = argument;
    }

    public override NodeType Type => NodeType.AwaitExpression;

    public Expression Argument { get; }
}
