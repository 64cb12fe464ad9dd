namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>LabeledStatement</c>.</summary>
public sealed class LabeledStatement : Statement
{
    public LabeledStatement(Statement body, Identifier label)
    {
        Body = body;
        Label = label;
    }

    public override NodeType Type => NodeType.LabeledStatement;

    public Statement Body { get; }
    public Identifier Label { get; }
}
