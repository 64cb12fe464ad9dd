namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ExpressionStatement</c>. directive is the raw text between the quotes of a directive-prologue string (acorn's shape), else null.</summary>
public sealed class ExpressionStatement : Statement
{
    public ExpressionStatement(Expression expression, string? directive)
    {
        Expression = expression;
        Directive = directive;
    }

    public override NodeType Type => NodeType.ExpressionStatement;

    public Expression Expression { get; }
    public string? Directive { get; }
}
