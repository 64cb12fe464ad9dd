namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ThrowStatement</c>.</summary>
public sealed class ThrowStatement : Statement
{
    public ThrowStatement(Expression argument)
    {
        Argument = argument;
    }

    public override NodeType Type => NodeType.ThrowStatement;

    public Expression Argument { get; }
}
