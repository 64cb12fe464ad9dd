namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ExportSpecifier</c>. local and exported are Identifiers or string Literals.</summary>
public sealed class ExportSpecifier : Node
{
    public ExportSpecifier(Node local, Node exported)
    {
        Local = local;
        Exported = exported;
    }

    public override NodeType Type => NodeType.ExportSpecifier;

    public Node Local { get; }
    public Node Exported { get; }
}
