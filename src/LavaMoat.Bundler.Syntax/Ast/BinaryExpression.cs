namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>BinaryExpression</c>. left is a PrivateIdentifier only for #x in obj.</summary>
public sealed class BinaryExpression : Expression
{
    public BinaryExpression(Node left, BinaryOperator @operator, Expression right)
    {
        Left = left;
        Operator = @operator;
        Right = right;
    }

    public override NodeType Type => NodeType.BinaryExpression;

    public Node Left { get; }
    public BinaryOperator Operator { get; }
    public Expression Right { get; }
}
