namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ForInStatement</c>. left is a VariableDeclaration or an assignment target (Identifier, MemberExpression, pattern).</summary>
public sealed class ForInStatement : Statement
{
    public ForInStatement(Node left, Expression right, Statement body)
    {
        Left = left;
        Right = right;
        Body = body;
    }

    public override NodeType Type => NodeType.ForInStatement;

    public Node Left { get; }
    public Expression Right { get; }
    public Statement Body { get; }
}
