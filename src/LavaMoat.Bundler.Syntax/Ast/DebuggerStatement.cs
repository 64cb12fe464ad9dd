namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>DebuggerStatement</c>.</summary>
public sealed class DebuggerStatement : Statement
{
    public override NodeType Type => NodeType.DebuggerStatement;
}
