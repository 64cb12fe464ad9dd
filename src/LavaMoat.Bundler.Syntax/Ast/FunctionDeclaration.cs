namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>FunctionDeclaration</c>. id is null only for export default function () {}. params holds Identifier, patterns, AssignmentPattern and RestElement.</summary>
public sealed class FunctionDeclaration : Declaration
{
    public FunctionDeclaration(Identifier? id, bool isExpression, bool isGenerator, bool isAsync, NodeList<Node> @params, BlockStatement body)
    {
        Id = id;
        IsExpression = isExpression;
        IsGenerator = isGenerator;
        IsAsync = isAsync;
        Params = @params;
        Body = body;
    }

    public override NodeType Type => NodeType.FunctionDeclaration;

    public Identifier? Id { get; }
    public bool IsExpression { get; }
    public bool IsGenerator { get; }
    public bool IsAsync { get; }
    public NodeList<Node> Params { get; }
    public BlockStatement Body { get; }
}
