namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>IfStatement</c>.</summary>
public sealed class IfStatement : Statement
{
    public IfStatement(Expression test, Statement consequent, Statement? alternate)
    {
        Test = test;
        Consequent = consequent;
        Alternate = alternate;
    }

    public override NodeType Type => NodeType.IfStatement;

    public Expression Test { get; }
    public Statement Consequent { get; }
    public Statement? Alternate { get; }
}
