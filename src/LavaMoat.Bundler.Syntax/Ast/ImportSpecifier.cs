namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ImportSpecifier</c>. imported is an Identifier or a string Literal.</summary>
public sealed class ImportSpecifier : Node
{
    public ImportSpecifier(Node imported, Identifier local)
    {
        Imported = imported;
        Local = local;
    }

    public override NodeType Type => NodeType.ImportSpecifier;

    public Node Imported { get; }
    public Identifier Local { get; }
}
