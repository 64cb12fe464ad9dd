using LavaMoat.Bundler.Syntax.Ast;
using static LavaMoat.Bundler.Syntax.Tests.Parsing.ParserTestHelpers;

namespace LavaMoat.Bundler.Syntax.Tests.Parsing;

/// <summary>Template literals, node ranges and line/column accounting. Expected values were taken from acorn 8.19.</summary>
[TestClass]
public sealed class ParserTemplateAndPositionTests
{
    [TestMethod]
    public void Template_element_ranges_exclude_delimiters()
    {
        var template = (TemplateLiteral)Expr(Script("`a${b}c`"));
        AssertRange(template, 0, 8);
        AssertRange(template.Quasis[0], 1, 2);
        AssertRange(template.Quasis[1], 6, 7);
        Assert.AreEqual(new TemplateValue("a", "a"), template.Quasis[0].Value);
        Assert.IsFalse(template.Quasis[0].IsTail);
        Assert.IsTrue(template.Quasis[1].IsTail);
    }

    [TestMethod]
    public void Tagged_template_with_invalid_escape_has_null_cooked_value()
    {
        var tagged = (TaggedTemplateExpression)Expr(Script("tag`\\unicode`"));
        Assert.AreEqual(new TemplateValue("\\unicode", null), tagged.Quasi.Quasis[0].Value);
    }

    [TestMethod]
    public void Untagged_template_with_invalid_escape_is_an_error()
    {
        var error = ScriptError("`\\unicode`");
        Assert.AreEqual(1, error.Index);
        Assert.AreEqual(1, error.Line);
        Assert.AreEqual(1, error.Column);
    }

    [TestMethod]
    public void Template_raw_text_normalises_carriage_returns()
    {
        var program = Script("`a\r\nb\rc`");
        var quasi = ((TemplateLiteral)Expr(program)).Quasis[0];
        Assert.AreEqual(new TemplateValue("a\nb\nc", "a\nb\nc"), quasi.Value);
        AssertLoc(quasi, 1, 1, 3, 1);
        AssertLoc(program, 1, 0, 3, 2);
    }

    [TestMethod]
    public void Columns_count_utf16_code_units_for_astral_characters()
    {
        var program = Script("'\U0001F600'; x");
        AssertRange(program.Body[1], 6, 7);
        AssertLoc(program.Body[1], 1, 6, 1, 7);
    }

    [TestMethod]
    public void Every_line_terminator_starts_a_line()
    {
        var program = Script("a;\r\nb;\u2028c;\u2029d;\re");
        int[] starts = [0, 4, 7, 10, 13];
        for (var i = 0; i < starts.Length; i++)
        {
            Assert.AreEqual(starts[i], program.Body[i].Start);
            Assert.AreEqual(new Position(i + 1, 0), program.Body[i].Location.Start);
        }
    }

    [TestMethod]
    public void Parentheses_are_not_part_of_the_node_range()
    {
        AssertRange(Expr(Script("((a))")), 2, 3);
        var program = Script("(a, b)");
        Assert.IsInstanceOfType<SequenceExpression>(Expr(program));
        AssertRange(Expr(program), 1, 5);
        AssertRange(program.Body[0], 0, 6);
        AssertRange(Expr(Script("(a => b)")), 1, 7);
    }

    [TestMethod]
    public void Optional_chain_is_wrapped_once()
    {
        var chain = (ChainExpression)Expr(Script("a?.b.c()"));
        var call = (CallExpression)chain.Expression;
        Assert.IsFalse(call.IsOptional);
        Assert.IsTrue(((MemberExpression)((MemberExpression)call.Callee).Object).IsOptional);
    }

    [TestMethod]
    public void Numeric_literals_carry_acorn_values()
    {
        var program = Script("1_000; 0x1Fn; 010; 08.5; .5e1");
        Assert.AreEqual(1000d, ((Literal)Expr(program, 0)).Value);
        Assert.AreEqual("31", ((Literal)Expr(program, 1)).BigIntDigits);
        Assert.AreEqual("0x1Fn", ((Literal)Expr(program, 1)).Raw);
        Assert.AreEqual(8d, ((Literal)Expr(program, 2)).Value);
        Assert.AreEqual(8.5d, ((Literal)Expr(program, 3)).Value);
        Assert.AreEqual(5d, ((Literal)Expr(program, 4)).Value);
    }

    [TestMethod]
    public void Directives_are_marked_and_make_the_program_strict()
    {
        var program = Script("'use strict'; 'a'");
        Assert.AreEqual("use strict", ((ExpressionStatement)program.Body[0]).Directive);
        Assert.AreEqual("a", ((ExpressionStatement)program.Body[1]).Directive);
        Assert.IsTrue(program.IsStrict);
        Assert.IsFalse(Script("x; 'use strict'").IsStrict);
        Assert.IsTrue(Module("x").IsStrict);
    }
}
