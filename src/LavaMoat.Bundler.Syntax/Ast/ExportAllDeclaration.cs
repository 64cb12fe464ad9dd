namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ExportAllDeclaration</c>.</summary>
public sealed class ExportAllDeclaration : ModuleDeclaration
{
    public ExportAllDeclaration(Node? exported, Literal source, NodeList<ImportAttribute> attributes)
    {
        Exported = exported;
        Source = source;
        Attributes = attributes;
    }

    public override NodeType Type => NodeType.ExportAllDeclaration;

    public Node? Exported { get; }
    public Literal Source { get; }
    public NodeList<ImportAttribute> Attributes { get; }
}
