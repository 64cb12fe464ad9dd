namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>PropertyDefinition</c>.</summary>
public sealed class PropertyDefinition : Node
{
    public PropertyDefinition(bool isStatic, bool isComputed, Node key, Expression? value)
    {
        IsStatic = isStatic;
        IsComputed = isComputed;
        Key = key;
        Value = value;
    }

    public override NodeType Type => NodeType.PropertyDefinition;

    public bool IsStatic { get; }
    public bool IsComputed { get; }
    public Node Key { get; }
    public Expression? Value { get; }
}
