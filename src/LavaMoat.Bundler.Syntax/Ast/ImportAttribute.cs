namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ImportAttribute</c>. key is an Identifier or a string Literal.</summary>
public sealed class ImportAttribute : Node
{
    public ImportAttribute(Node key, Literal value)
    {
        Key = key;
        Value = value;
    }

    public override NodeType Type => NodeType.ImportAttribute;

    public Node Key { get; }
    public Literal Value { get; }
}
