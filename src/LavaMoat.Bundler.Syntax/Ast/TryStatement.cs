namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>TryStatement</c>.</summary>
public sealed class TryStatement : Statement
{
    public TryStatement(BlockStatement block, CatchClause? handler, BlockStatement? finalizer)
    {
        Block = block;
        Handler = handler;
        Finalizer = finalizer;
    }

    public override NodeType Type => NodeType.TryStatement;

    public BlockStatement Block { get; }
    public CatchClause? Handler { get; }
    public BlockStatement? Finalizer { get; }
}
