namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>LogicalExpression</c>.</summary>
public sealed class LogicalExpression : Expression
{
    public LogicalExpression(Expression left, LogicalOperator @operator, Expression right)
    {
        Left = left;
        Operator = @operator;
        Right = right;
    }

    public override NodeType Type => NodeType.LogicalExpression;

    public Expression Left { get; }
    public LogicalOperator Operator { get; }
    public Expression Right { get; }
}
