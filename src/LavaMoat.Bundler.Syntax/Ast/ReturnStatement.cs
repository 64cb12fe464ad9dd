namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ReturnStatement</c>.</summary>
public sealed class ReturnStatement : Statement
{
    public ReturnStatement(Expression? argument)
    {
        Argument = argument;
    }

    public override NodeType Type => NodeType.ReturnStatement;

    public Expression? Argument { get; }
}
