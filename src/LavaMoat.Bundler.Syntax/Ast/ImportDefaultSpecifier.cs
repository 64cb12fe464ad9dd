namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>ImportDefaultSpecifier</c>.</summary>
public sealed class ImportDefaultSpecifier : Node
{
    public ImportDefaultSpecifier(Identifier local)
    {
        Local = local;
    }

    public override NodeType Type => NodeType.ImportDefaultSpecifier;

    public Identifier Local { get; }
}
