namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ForOfStatement</c>.</summary>
public sealed class ForOfStatement : Statement
{
    public ForOfStatement(bool isAwait, Node left, Expression right, Statement body)
    {
        IsAwait = isAwait;
        Left = left;
        Right = right;
        Body = body;
    }

    public override NodeType Type => NodeType.ForOfStatement;

    public bool IsAwait { get; }
    public Node Left { get; }
    public Expression Right { get; }
    public Statement Body { get; }
}
