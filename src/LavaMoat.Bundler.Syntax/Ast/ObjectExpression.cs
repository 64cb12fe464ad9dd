namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ObjectExpression</c>. Holds Property and SpreadElement.</summary>
public sealed class ObjectExpression : Expression
{
    public ObjectExpression(NodeList<Node> properties)
    {
        Properties = properties;
    }

    public override NodeType Type => NodeType.ObjectExpression;

    public NodeList<Node> Properties { get; }
}
