namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>CallExpression</c>. callee may be Super. arguments holds Expressions and SpreadElements.</summary>
public sealed class CallExpression : Expression
{
    public CallExpression(Expression callee, NodeList<Node> arguments, bool isOptional)
    {
        Callee = callee;
        Arguments = arguments;
        IsOptional = isOptional;
    }

    public override NodeType Type => NodeType.CallExpression;

    public Expression Callee { get; }
    public NodeList<Node> Arguments { get; }
    public bool IsOptional { get; }
}
