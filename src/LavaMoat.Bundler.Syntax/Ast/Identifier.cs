namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>Identifier</c>.</summary>
public sealed class Identifier : Expression
{
    public Identifier(string name)
    {
        Name = name;
    }

    public override NodeType Type => NodeType.Identifier;

    public string Name { get; }
}
