namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>VariableDeclaration</c>.</summary>
public sealed class VariableDeclaration : Declaration
{
    public VariableDeclaration(NodeList<VariableDeclarator> declarations, VariableDeclarationKind kind)
    {
        Declarations = declarations;
        Kind = kind;
    }

    public override NodeType Type => NodeType.VariableDeclaration;

    public NodeList<VariableDeclarator> Declarations { get; }
    public VariableDeclarationKind Kind { get; }
}
