namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>SequenceExpression</c>.</summary>
public sealed class SequenceExpression : Expression
{
    public SequenceExpression(NodeList<Expression> expressions)
    {
        Expressions = expressions;
    }

    public override NodeType Type => NodeType.SequenceExpression;

    public NodeList<Expression> Expressions { get; }
}
