namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ImportNamespaceSpecifier</c>.</summary>
public sealed class ImportNamespaceSpecifier : Node
{
    public ImportNamespaceSpecifier(Identifier local)
    {
        Local = local;
    }

    public override NodeType Type => NodeType.ImportNamespaceSpecifier;

    public Identifier Local { get; }
}
