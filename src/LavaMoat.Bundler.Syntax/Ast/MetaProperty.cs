namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>MetaProperty</c>. new.target or import.meta.</summary>
public sealed class MetaProperty : Expression
{
    public MetaProperty(Identifier meta, Identifier property)
    {
        Meta = meta;
        Property = property;
    }

    public override NodeType Type => NodeType.MetaProperty;

    public Identifier Meta { get; }
    public Identifier Property { get; }
}
