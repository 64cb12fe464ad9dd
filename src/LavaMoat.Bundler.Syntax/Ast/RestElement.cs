namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>RestElement</c>.</summary>
public sealed class RestElement : Node
{
    public RestElement(Node argument)
    {
        Argument = argument;
    }

    public override NodeType Type => NodeType.RestElement;

    public Node Argument { get; }
}
