namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>VariableDeclarator</c>.</summary>
public sealed class VariableDeclarator : Node
{
    public VariableDeclarator(Node id, Expression? init)
    {
        Id = id;
        Init = init;
    }

    public override NodeType Type => NodeType.VariableDeclarator;

    public Node Id { get; }
    public Expression? Init { get; }
}
