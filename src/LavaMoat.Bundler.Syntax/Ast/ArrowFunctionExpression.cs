namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ArrowFunctionExpression</c>. body is a BlockStatement, or an Expression when expression is true. id is always null and generator always false (ESTree shape).</summary>
public sealed class ArrowFunctionExpression : Expression
{
    public ArrowFunctionExpression(Identifier? id, bool isExpression, bool isGenerator, bool isAsync, NodeList<Node> @params, Node body)
    {
        Id = id;
        IsExpression = isExpression;
        IsGenerator = isGenerator;
        IsAsync = isAsync;
        Params = @params;
        Body = body;
    }

    public override NodeType Type => NodeType.ArrowFunctionExpression;

    public Identifier? Id { get; }
    public bool IsExpression { get; }
    public bool IsGenerator { get; }
    public bool IsAsync { get; }
    public NodeList<Node> Params { get; }
    public Node Body { get; }
}
