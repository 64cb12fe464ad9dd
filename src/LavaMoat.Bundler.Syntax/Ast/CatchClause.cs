namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>CatchClause</c>. param is an Identifier, ObjectPattern or ArrayPattern; null for catch {}.</summary>
public sealed class CatchClause : Node
{
    public CatchClause(Node? param, BlockStatement body)
    {
        Param = param;
        Body = body;
    }

    public override NodeType Type => NodeType.CatchClause;

    public Node? Param { get; }
    public BlockStatement Body { get; }
}
