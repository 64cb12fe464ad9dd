namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ClassBody</c>. Holds MethodDefinition, PropertyDefinition and StaticBlock.</summary>
public sealed class ClassBody : Node
{
    public ClassBody(NodeList<Node> body)
    {
        Body = body;
    }

    public override NodeType Type => NodeType.ClassBody;

    public NodeList<Node> Body { get; }
}
