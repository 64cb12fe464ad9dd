namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>FunctionExpression</c>.</summary>
public sealed class FunctionExpression : Expression
{
    public FunctionExpression(Identifier? id, bool isExpression, bool isGenerator, bool isAsync, NodeList<Node> @params, BlockStatement body)
    {
        Id = id;
        IsExpression = isExpression;
        IsGenerator = isGenerator;
        IsAsync = isAsync;
        Params = @params;
        Body = body;
    }

    public override NodeType Type => NodeType.FunctionExpression;

    public Identifier? Id { get; }
    public bool IsExpression { get; }
    public bool IsGenerator { get; }
    public bool IsAsync { get; }
    public NodeList<Node> Params { get; }
    public BlockStatement Body { get; }
}
