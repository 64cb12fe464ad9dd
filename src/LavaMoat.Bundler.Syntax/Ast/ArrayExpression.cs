namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ArrayExpression</c>. Elements are Expressions or SpreadElements; null marks a hole.</summary>
public sealed class ArrayExpression : Expression
{
    public ArrayExpression(NodeList<Node?> elements)
    {
        Elements = elements;
    }

    public override NodeType Type => NodeType.ArrayExpression;

    public NodeList<Node?> Elements { get; }
}
