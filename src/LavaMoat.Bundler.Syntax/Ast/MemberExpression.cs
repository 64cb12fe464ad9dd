namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>MemberExpression</c>. object may be Super; property is an Expression or a PrivateIdentifier.</summary>
public sealed class MemberExpression : Expression
{
    public MemberExpression(Expression @object, Node property, bool isComputed, bool isOptional)
    {
        Object = @object;
        Property = property;
        IsComputed = isComputed;
        IsOptional = isOptional;
    }

    public override NodeType Type => NodeType.MemberExpression;

    public Expression Object { get; }
    public Node Property { get; }
    public bool IsComputed { get; }
    public bool IsOptional { get; }
}
