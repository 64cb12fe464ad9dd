namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>SwitchCase</c>.</summary>
public sealed class SwitchCase : Node
{
    public SwitchCase(NodeList<Statement> consequent, Expression? test)
    {
        Consequent = consequent;
        Test = test;
    }

    public override NodeType Type => NodeType.SwitchCase;

    public NodeList<Statement> Consequent { get; }
    public Expression? Test { get; }
}
