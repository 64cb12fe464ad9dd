namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>ESTree <c>TemplateLiteral</c>.</summary>
public sealed class TemplateLiteral : Expression
{
    public TemplateLiteral(NodeList<Expression> expressions, NodeList<TemplateElement> quasis)
    {
        Expressions = expressions;
        Quasis = quasis;
    }

    public override NodeType Type => NodeType.TemplateLiteral;

    public NodeList<Expression> Expressions { get; }
    public NodeList<TemplateElement> Quasis { get; }
}
