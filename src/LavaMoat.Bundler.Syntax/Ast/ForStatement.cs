namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ForStatement</c>. init is a VariableDeclaration or an Expression.</summary>
public sealed class ForStatement : Statement
{
    public ForStatement(Node? init, Expression? test, Expression? update, Statement body)
    {
        Init = init;
        Test = test;
        Update = update;
        Body = body;
    }

    public override NodeType Type => NodeType.ForStatement;

    public Node? Init { get; }
    public Expression? Test { get; }
    public Expression? Update { get; }
    public Statement Body { get; }
}
