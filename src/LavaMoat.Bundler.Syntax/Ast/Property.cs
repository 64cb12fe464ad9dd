namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>Property</c>. In an ObjectPattern value is a pattern or AssignmentPattern.</summary>
public sealed class Property : Node
{
    public Property(bool isMethod, bool isShorthand, bool isComputed, Node key, Node value, PropertyKind kind)
    {
        IsMethod = isMethod;
        IsShorthand = isShorthand;
        IsComputed = isComputed;
        Key = key;
        Value = value;
        Kind = kind;
    }

    public override NodeType Type => NodeType.Property;

    public bool IsMethod { get; }
    public bool IsShorthand { get; }
    public bool IsComputed { get; }
    public Node Key { get; }
    public Node Value { get; }
    public PropertyKind Kind { get; }
}
