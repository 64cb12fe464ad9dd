namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>UpdateExpression</c>.</summary>
public sealed class UpdateExpression : Expression
{
    public UpdateExpression(UpdateOperator @operator, bool isPrefix, Expression argument)
    {
        Operator = @operator;
        IsPrefix = isPrefix;
        Argument = argument;
    }

    public override NodeType Type => NodeType.UpdateExpression;

    public UpdateOperator Operator { get; }
    public bool IsPrefix { get; }
    public Expression Argument { get; }
}
