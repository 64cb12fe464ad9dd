namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ExportDefaultDeclaration</c>. declaration is a FunctionDeclaration, ClassDeclaration or Expression.</summary>
public sealed class ExportDefaultDeclaration : ModuleDeclaration
{
    public ExportDefaultDeclaration(Node declaration)
    {
        Declaration = declaration;
    }

    public override NodeType Type => NodeType.ExportDefaultDeclaration;

    public Node Declaration { get; }
}
