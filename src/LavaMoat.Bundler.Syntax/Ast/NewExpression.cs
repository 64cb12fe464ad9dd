namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>NewExpression</c>.</summary>
public sealed class NewExpression : Expression
{
    public NewExpression(Expression callee, NodeList<Node> arguments)
    {
        Callee = callee;
        Arguments = arguments;
    }

    public override NodeType Type => NodeType.NewExpression;

    public Expression Callee { get; }
    public NodeList<Node> Arguments { get; }
}
