namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>WithStatement</c>.</summary>
public sealed class WithStatement : Statement
{
    public WithStatement(Expression @object, Statement body)
    {
        Object = @object;
        Body = body;
    }

    public override NodeType Type => NodeType.WithStatement;

    public Expression Object { get; }
    public Statement Body { get; }
}
