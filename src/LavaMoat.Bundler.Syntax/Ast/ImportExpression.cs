namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ImportExpression</c>. Dynamic import(source, options).</summary>
public sealed class ImportExpression : Expression
{
    public ImportExpression(Expression source, Expression? options)
    {
        Source = source;
        Options = options;
    }

    public override NodeType Type => NodeType.ImportExpression;

    public Expression Source { get; }
    public Expression? Options { get; }
}
