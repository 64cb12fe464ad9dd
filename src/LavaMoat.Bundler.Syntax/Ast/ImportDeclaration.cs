namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ImportDeclaration</c>. specifiers holds ImportSpecifier, ImportDefaultSpecifier and ImportNamespaceSpecifier.</summary>
public sealed class ImportDeclaration : ModuleDeclaration
{
    public ImportDeclaration(NodeList<Node> specifiers, Literal source, NodeList<ImportAttribute> attributes)
    {
        Specifiers = specifiers;
        Source = source;
        Attributes = attributes;
    }

    public override NodeType Type => NodeType.ImportDeclaration;

    public NodeList<Node> Specifiers { get; }
    public Literal Source { get; }
    public NodeList<ImportAttribute> Attributes { get; }
}
