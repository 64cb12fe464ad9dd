namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>BreakStatement</c>.</summary>
public sealed class BreakStatement : Statement
{
    public BreakStatement(Identifier? label)
    {
        Label = label;
    }

    public override NodeType Type => NodeType.BreakStatement;

    public Identifier? Label { get; }
}
