using System.Text;
using LavaMoat.Bundler.Syntax.Ast;
using static LavaMoat.Bundler.Syntax.Tests.Parsing.ParserTestHelpers;

namespace LavaMoat.Bundler.Syntax.Tests.Parsing;

/// <summary>Comments (including Annex B HTML-like ones), located errors and nesting limits. Expected values from acorn 8.19.</summary>
[TestClass]
public sealed class ParserCommentsAndErrorsTests
{
    [TestMethod]
    public void Hashbang_line_and_block_comments_are_collected_in_order()
    {
        var comments = Script("#!/usr/bin/env node\n// a\n/* b */ x").Comments;
        Assert.HasCount(3, comments);
        Assert.AreEqual(new Comment(CommentKind.Line, "/usr/bin/env node", 0, 19, new SourceLocation(new Position(1, 0), new Position(1, 19))), comments[0]);
        Assert.AreEqual(new Comment(CommentKind.Line, " a", 20, 24, new SourceLocation(new Position(2, 0), new Position(2, 4))), comments[1]);
        Assert.AreEqual(new Comment(CommentKind.Block, " b ", 25, 32, new SourceLocation(new Position(3, 0), new Position(3, 7))), comments[2]);
    }

    [TestMethod]
    public void Html_close_comment_at_line_start_is_a_comment_in_scripts_only()
    {
        var program = Script("x\n--> y");
        Assert.AreEqual(1, program.Body.Count);
        Assert.AreEqual(new Comment(CommentKind.Line, " y", 2, 7, new SourceLocation(new Position(2, 0), new Position(2, 5))), program.Comments[0]);

        var error = ModuleError("x\n--> y");
        Assert.AreEqual(4, error.Index);
        Assert.AreEqual(2, error.Line);
        Assert.AreEqual(2, error.Column);
    }

    [TestMethod]
    public void Html_open_comment_is_a_comment_in_scripts_and_operators_in_modules()
    {
        var program = Script("x <!-- y");
        Assert.AreEqual(new Comment(CommentKind.Line, " y", 2, 8, new SourceLocation(new Position(1, 2), new Position(1, 8))), program.Comments[0]);
        Assert.IsInstanceOfType<BinaryExpression>(Expr(Module("x <!-- y")));
    }

    [TestMethod]
    public void Import_expressions_are_counted_wherever_they_are_nested_and_nothing_else_is()
    {
        // The bundle verifier relies on this count instead of walking every tree for import(…).
        Assert.AreEqual(0, Script("a.import(x); ({ import: 1 }); 'import(x)'; // import(y)\n").ImportExpressionCount);
        Assert.AreEqual(2, Script("f(() => [import('a'), { b: async () => await import(`c`, { with: {} }) }]);").ImportExpressionCount);
        Assert.AreEqual(1, Module("import x from 'x'; export * from 'y'; import.meta.url; import('z');").ImportExpressionCount);
        Assert.AreEqual(1, Script("(a = import('x')) => a;").ImportExpressionCount, "in an arrow's parameter default");
    }

    /// <summary>The transform picks its helper's name by avoiding these, so every identifier must be among them,
    /// however it is spelled (escapes decoded) and wherever it is (a binding, a label, a private name).</summary>
    [TestMethod]
    public void Program_names_hold_every_identifier_escapes_decoded()
    {
        var names = Script("var \\u0024lmb = 1; lbl: for (;;) break lbl; class K { #p; m() { return this.#p + o.q; } } x\\u{79}z;").Names;
        foreach (var name in new[] { "$lmb", "lbl", "K", "p", "m", "o", "q", "xyz" })
        {
            Assert.Contains(name, names, string.Join(", ", names));
        }

        Assert.DoesNotContain("var", names, "keywords are no names");
        Assert.DoesNotContain("x\\u{79}z", names);
    }

    [TestMethod]
    public void Errors_carry_index_line_and_column()
    {
        var error = ScriptError("a\n  b c");
        Assert.AreEqual(6, error.Index);
        Assert.AreEqual(2, error.Line);
        Assert.AreEqual(4, error.Column);

        error = ScriptError("let a; let a;");
        Assert.AreEqual(11, error.Index);
        StringAssert.Contains(error.Message, "Identifier 'a' has already been declared");

        Assert.AreEqual(14, ScriptError("'use strict'; 010").Index);
        Assert.AreEqual(0, ScriptError("\"abc").Index);
    }

    [TestMethod]
    [DataRow("(", "a", ")")]
    [DataRow("[", "", "]")]
    [DataRow("{", "", "}")]
    [DataRow("!", "a", "")]
    [DataRow("a+", "a", "")]
    [DataRow("function f(){", "", "}")]
    public void Deep_nesting_fails_cleanly_on_a_small_stack(string open, string middle, string close)
    {
        var source = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            source.Append(open);
        }

        source.Append(middle);
        for (var i = 0; i < 100_000; i++)
        {
            source.Append(close);
        }

        Exception? caught = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    new Syntax.Parser().ParseScript(source.ToString());
                }
                catch (Exception e)
                {
                    caught = e;
                }
            },
            1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsInstanceOfType<SyntaxErrorException>(caught);
        StringAssert.Contains(caught.Message, "Nesting is too deep");
    }

    [TestMethod]
    public void Nesting_within_the_limit_parses()
    {
        var depth = Syntax.Parser.MaxNestingDepth / 4;
        var program = Script(new string('[', depth) + new string(']', depth));
        Assert.IsInstanceOfType<ArrayExpression>(Expr(program));
    }
}
