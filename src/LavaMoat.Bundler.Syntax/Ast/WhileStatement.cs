namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>WhileStatement</c>.</summary>
public sealed class WhileStatement : Statement
{
    public WhileStatement(Expression test, Statement body)
    {
        Test = test;
        Body = body;
    }

    public override NodeType Type => NodeType.WhileStatement;

    public Expression Test { get; }
    public Statement Body { get; }
}
