namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ConditionalExpression</c>.</summary>
public sealed class ConditionalExpression : Expression
{
    public ConditionalExpression(Expression test, Expression consequent, Expression alternate)
    {
        Test = test;
        Consequent = consequent;
        Alternate = alternate;
    }

    public override NodeType Type => NodeType.ConditionalExpression;

    public Expression Test { get; }
    public Expression Consequent { get; }
    public Expression Alternate { get; }
}
