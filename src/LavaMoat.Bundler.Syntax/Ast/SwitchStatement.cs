namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>SwitchStatement</c>.</summary>
public sealed class SwitchStatement : Statement
{
    public SwitchStatement(Expression discriminant, NodeList<SwitchCase> cases)
    {
        Discriminant = discriminant;
        Cases = cases;
    }

    public override NodeType Type => NodeType.SwitchStatement;

    public Expression Discriminant { get; }
    public NodeList<SwitchCase> Cases { get; }
}
