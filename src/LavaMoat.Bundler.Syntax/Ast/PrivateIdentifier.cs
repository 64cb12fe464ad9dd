namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>PrivateIdentifier</c>. #name in a class member key, a member access or #name in obj; name excludes the #.</summary>
public sealed class PrivateIdentifier : Expression
{
    public PrivateIdentifier(string name)
    {
        Name = name;
    }

    public override NodeType Type => NodeType.PrivateIdentifier;

    public string Name { get; }
}
