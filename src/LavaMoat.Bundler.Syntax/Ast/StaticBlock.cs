namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>StaticBlock</c>.</summary>
public sealed class StaticBlock : Node
{
    public StaticBlock(NodeList<Statement> body)
    {
        Body = body;
    }

    public override NodeType Type => NodeType.StaticBlock;

    public NodeList<Statement> Body { get; }
}
