namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ClassExpression</c>.</summary>
public sealed class ClassExpression : Expression
{
    public ClassExpression(Identifier? id, Expression? superClass, ClassBody body)
    {
        Id = id;
        SuperClass = superClass;
        Body = body;
    }

    public override NodeType Type => NodeType.ClassExpression;

    public Identifier? Id { get; }
    public Expression? SuperClass { get; }
    public ClassBody Body { get; }
}
