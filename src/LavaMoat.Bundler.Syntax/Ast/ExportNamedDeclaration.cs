namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ExportNamedDeclaration</c>.</summary>
public sealed class ExportNamedDeclaration : ModuleDeclaration
{
    public ExportNamedDeclaration(Declaration? declaration, NodeList<ExportSpecifier> specifiers, Literal? source, NodeList<ImportAttribute> attributes)
    {
        Declaration = declaration;
        Specifiers = specifiers;
        Source = source;
        Attributes = attributes;
    }

    public override NodeType Type => NodeType.ExportNamedDeclaration;

    public Declaration? Declaration { get; }
    public NodeList<ExportSpecifier> Specifiers { get; }
    public Literal? Source { get; }
    public NodeList<ImportAttribute> Attributes { get; }
}
