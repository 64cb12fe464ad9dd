namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ContinueStatement</c>.</summary>
public sealed class ContinueStatement : Statement
{
    public ContinueStatement(Identifier? label)
    {
        Label = label;
    }

    public override NodeType Type => NodeType.ContinueStatement;

    public Identifier? Label { get; }
}
