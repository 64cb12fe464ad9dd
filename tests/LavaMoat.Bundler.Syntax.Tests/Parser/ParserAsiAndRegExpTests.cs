using LavaMoat.Bundler.Syntax.Ast;
using static LavaMoat.Bundler.Syntax.Tests.Parsing.ParserTestHelpers;

namespace LavaMoat.Bundler.Syntax.Tests.Parsing;

/// <summary>Automatic semicolon insertion and the '/' ambiguity. Expected values were taken from acorn 8.19.</summary>
[TestClass]
public sealed class ParserAsiAndRegExpTests
{
    [TestMethod]
    public void Prefix_increment_after_newline_starts_a_new_statement()
    {
        var program = Script("a\n++b");
        Assert.AreEqual(2, program.Body.Count);
        AssertRange(program.Body[0], 0, 1);
        AssertRange(program.Body[1], 2, 5);
        Assert.IsInstanceOfType<UpdateExpression>(Expr(program, 1));
    }

    [TestMethod]
    public void Parenthesis_after_newline_continues_as_a_call()
    {
        var program = Script("a\n(b)");
        Assert.AreEqual(1, program.Body.Count);
        Assert.IsInstanceOfType<CallExpression>(Expr(program));
        AssertRange(program.Body[0], 0, 5);
    }

    [TestMethod]
    public void Return_is_a_restricted_production()
    {
        var body = ((FunctionDeclaration)Script("function f(){return\nx}").Body[0]).Body.Body;
        Assert.AreEqual(2, body.Count);
        Assert.IsNull(((ReturnStatement)body[0]).Argument);
        AssertRange(body[0], 13, 19);
        AssertRange(body[1], 20, 21);
    }

    [TestMethod]
    public void Newline_after_throw_is_an_error()
    {
        var error = ScriptError("throw\nx");
        Assert.AreEqual(5, error.Index);
        Assert.AreEqual(1, error.Line);
        Assert.AreEqual(5, error.Column);
    }

    [TestMethod]
    public void Arrow_may_not_follow_a_newline()
    {
        var error = ScriptError("x\n=>y");
        Assert.AreEqual(2, error.Index);
        Assert.AreEqual(2, error.Line);
        Assert.AreEqual(0, error.Column);
    }

    [TestMethod]
    public void Declarations_on_separate_lines_need_no_semicolon()
    {
        var program = Script("let x = 1\nlet y = 2");
        AssertRange(program.Body[0], 0, 9);
        AssertRange(program.Body[1], 10, 19);
    }

    [TestMethod]
    public void Slash_after_an_expression_on_the_next_line_divides()
    {
        var program = Script("a = b\n/re/g.test(c)");
        Assert.AreEqual(1, program.Body.Count);
        var assign = (AssignmentExpression)Expr(program);
        Assert.IsInstanceOfType<BinaryExpression>(assign.Right);
    }

    [TestMethod]
    public void Slash_after_a_block_starts_a_regular_expression()
    {
        var program = Script("{}\n/re/g");
        Assert.IsInstanceOfType<BlockStatement>(program.Body[0]);
        var literal = (Literal)Expr(program, 1);
        Assert.AreEqual(new RegExpValue("re", "g"), literal.Regex);
    }

    [TestMethod]
    public void Slash_equals_where_an_expression_starts_is_a_regular_expression()
    {
        var literal = (Literal)((AssignmentExpression)Expr(Script("x = /=/g"))).Right;
        Assert.AreEqual(LiteralKind.RegExp, literal.Kind);
        Assert.AreEqual("/=/g", literal.Raw);
        Assert.AreEqual(new RegExpValue("=", "g"), literal.Regex);
    }

    [TestMethod]
    public void Slashes_between_operands_divide()
    {
        var binary = (BinaryExpression)Expr(Script("a / b / c"));
        Assert.AreEqual(BinaryOperator.Divide, binary.Operator);
        Assert.IsInstanceOfType<BinaryExpression>(binary.Left);
    }

    [TestMethod]
    public void Regular_expression_in_generator_yield_position()
    {
        var fn = (FunctionDeclaration)Script("function* g(){ yield /re/ }").Body[0];
        var yield = (YieldExpression)((ExpressionStatement)fn.Body.Body[0]).Expression;
        Assert.AreEqual(LiteralKind.RegExp, ((Literal)yield.Argument!).Kind);
    }

    [TestMethod]
    public void Duplicate_regular_expression_flag_is_an_error()
    {
        // acorn reports regular expression errors just after the opening slash.
        var error = ScriptError("x = /a/gg");
        Assert.AreEqual(5, error.Index);
    }
}
