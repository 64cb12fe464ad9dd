namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ClassDeclaration</c>. id is null only for export default class {}.</summary>
public sealed class ClassDeclaration : Declaration
{
    public ClassDeclaration(Identifier? id, Expression? superClass, ClassBody body)
    {
        Id = id;
        SuperClass = superClass;
        Body = body;
    }

    public override NodeType Type => NodeType.ClassDeclaration;

    public Identifier? Id { get; }
    public Expression? SuperClass { get; }
    public ClassBody Body { get; }
}
