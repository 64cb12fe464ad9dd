namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>BlockStatement</c>.</summary>
public sealed class BlockStatement : Statement
{
    public BlockStatement(NodeList<Statement> body)
    {
        Body = body;
    }

    public override NodeType Type => NodeType.BlockStatement;

    public NodeList<Statement> Body { get; }
}
