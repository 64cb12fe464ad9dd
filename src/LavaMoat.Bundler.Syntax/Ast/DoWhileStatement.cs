namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>DoWhileStatement</c>.</summary>
public sealed class DoWhileStatement : Statement
{
    public DoWhileStatement(Statement body, Expression test)
    {
        Body = body;
        Test = test;
    }

    public override NodeType Type => NodeType.DoWhileStatement;

    public Statement Body { get; }
    public Expression Test { get; }
}
