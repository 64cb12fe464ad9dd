namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>SpreadElement</c>.</summary>
public sealed class SpreadElement : Node
{
    public SpreadElement(Expression argument)
    {
        Argument = argument;
    }

    public override NodeType Type => NodeType.SpreadElement;

    public Expression Argument { get; }
}
