namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>AssignmentPattern</c>.</summary>
public sealed class AssignmentPattern : Node
{
    public AssignmentPattern(Node left, Expression right)
    {
        Left = left;
        Right = right;
    }

    public override NodeType Type => NodeType.AssignmentPattern;

    public Node Left { get; }
    public Expression Right { get; }
}
