namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ArrayPattern</c>. Elements are targets, AssignmentPatterns or a final RestElement; null marks a hole.</summary>
public sealed class ArrayPattern : Node
{
    public ArrayPattern(NodeList<Node?> elements)
    {
        Elements = elements;
    }

    public override NodeType Type => NodeType.ArrayPattern;

    public NodeList<Node?> Elements { get; }
}
