namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>AssignmentExpression</c>. left is an Identifier, MemberExpression, ObjectPattern or ArrayPattern.</summary>
public sealed class AssignmentExpression : Expression
{
    public AssignmentExpression(AssignmentOperator @operator, Node left, Expression right)
    {
        Operator = @operator;
        Left = left;
        Right = right;
    }

    public override NodeType Type => NodeType.AssignmentExpression;

    public AssignmentOperator Operator { get; }
    public Node Left { get; }
    public Expression Right { get; }
}
