namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>TemplateElement</c>.</summary>
public sealed class TemplateElement : Node
{
    public TemplateElement(TemplateValue value, bool isTail)
    {
        Value = value;
        IsTail = isTail;
    }

    public override NodeType Type => NodeType.TemplateElement;

    public TemplateValue Value { get; }
    public bool IsTail { get; }
}
