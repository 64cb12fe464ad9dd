namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>TaggedTemplateExpression</c>.</summary>
public sealed class TaggedTemplateExpression : Expression
{
    public TaggedTemplateExpression(Expression tag, TemplateLiteral quasi)
    {
        Tag = tag;
        Quasi = quasi;
    }

    public override NodeType Type => NodeType.TaggedTemplateExpression;

    public Expression Tag { get; }
    public TemplateLiteral Quasi { get; }
}
