namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>UnaryExpression</c>.</summary>
public sealed class UnaryExpression : Expression
{
    public UnaryExpression(UnaryOperator @operator, bool isPrefix, Expression argument)
    {
        Operator = @operator;
        IsPrefix = isPrefix;
        Argument = argument;
    }

    public override NodeType Type => NodeType.UnaryExpression;

    public UnaryOperator Operator { get; }
    public bool IsPrefix { get; }
    public Expression Argument { get; }
}
