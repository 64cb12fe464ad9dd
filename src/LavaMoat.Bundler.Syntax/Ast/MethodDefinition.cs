namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>MethodDefinition</c>. key is an Expression or a PrivateIdentifier.</summary>
public sealed class MethodDefinition : Node
{
    public MethodDefinition(bool isStatic, bool isComputed, Node key, MethodDefinitionKind kind, FunctionExpression value)
    {
        IsStatic = isStatic;
        IsComputed = isComputed;
        Key = key;
        Kind = kind;
        Value = value;
    }

    public override NodeType Type => NodeType.MethodDefinition;

    public bool IsStatic { get; }
    public bool IsComputed { get; }
    public Node Key { get; }
    public MethodDefinitionKind Kind { get; }
    public FunctionExpression Value { get; }
}
