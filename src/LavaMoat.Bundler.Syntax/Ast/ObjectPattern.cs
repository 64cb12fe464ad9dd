namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ObjectPattern</c>. Holds Property (value is the target) and a final RestElement.</summary>
public sealed class ObjectPattern : Node
{
    public ObjectPattern(NodeList<Node> properties)
    {
        Properties = properties;
    }

    public override NodeType Type => NodeType.ObjectPattern;

    public NodeList<Node> Properties { get; }
}
