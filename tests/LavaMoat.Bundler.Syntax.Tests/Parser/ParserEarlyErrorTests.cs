using LavaMoat.Bundler.Syntax.Ast;
using static LavaMoat.Bundler.Syntax.Tests.Parsing.ParserTestHelpers;

namespace LavaMoat.Bundler.Syntax.Tests.Parsing;

/// <summary>Accept/reject verdicts for Annex B, early errors and newer syntax; each verdict is acorn 8.19's.</summary>
[TestClass]
public sealed class ParserEarlyErrorTests
{
    [TestMethod]
    [DataRow("{ function f(){} function f(){} }", false, true)]
    [DataRow("'use strict'; { function f(){} function f(){} }", false, false)]
    [DataRow("if (a) function f(){}", false, true)]
    [DataRow("if (a) function f(){}", true, false)]
    [DataRow("for (var x = 1 in o);", false, true)]
    [DataRow("'use strict'; for (var x = 1 in o);", false, false)]
    [DataRow("import a from 'm' with { type: 'json' }", true, true)]
    [DataRow("import a from 'm' with { type: 'json', type: 'css' }", true, false)]
    [DataRow("export { x as 'a b' } from 'm'", true, true)]
    [DataRow("export { 'a b' }", true, false)]
    [DataRow("{ using x = y }", false, true)]
    [DataRow("using x = y", false, false)]
    [DataRow("using x = y", true, true)]
    [DataRow("class A { #a; m(){ return #a in this } }", false, true)]
    [DataRow("class A { m(){ this.#b } }", false, false)]
    [DataRow("({__proto__: a, __proto__: b} = x)", false, true)]
    [DataRow("x = {__proto__: 1, __proto__: 2}", false, false)]
    [DataRow("let let = 1", false, false)]
    [DataRow("a ?? b || c", false, false)]
    [DataRow("-a ** 2", false, false)]
    [DataRow("new a?.b()", false, false)]
    [DataRow("a?.b`t`", false, false)]
    [DataRow("await x", true, true)]
    [DataRow("await x", false, false)]
    [DataRow("import.meta", false, false)]
    [DataRow("import.meta", true, true)]
    [DataRow("export { a }", true, false)]
    [DataRow("<!-- c", false, true)]
    [DataRow("--> c", false, true)]
    [DataRow("function f(a = 1){ \"use strict\" }", false, false)]
    [DataRow("class A extends B { constructor(){ super() } }", false, true)]
    [DataRow("class A { constructor(){ super() } }", false, false)]
    [DataRow("function f(){ new.target }", false, true)]
    [DataRow("new.target", false, false)]
    [DataRow("x = class { static { await } }", false, false)]
    [DataRow("\"\\08\"", false, true)]
    [DataRow("\"use strict\"; \"\\08\"", false, false)]
    public void Verdict_matches_acorn(string source, bool module, bool accepted)
    {
        Exception? error = null;
        try
        {
            _ = module ? Module(source) : Script(source);
        }
        catch (SyntaxErrorException e)
        {
            error = e;
        }

        Assert.AreEqual(accepted, error is null, error?.Message);
    }

    [TestMethod]
    public void Import_attributes_and_string_export_names_build_the_estree_shape()
    {
        var import = (ImportDeclaration)Module("import a from 'm' with { type: 'json' }").Body[0];
        Assert.AreEqual(1, import.Attributes.Count);
        Assert.AreEqual("type", ((Identifier)import.Attributes[0].Key).Name);
        Assert.AreEqual("json", import.Attributes[0].Value.Value);
        Assert.AreEqual(0, ((ImportDeclaration)Module("import 'm'").Body[0]).Attributes.Count);

        var export = (ExportNamedDeclaration)Module("export { x as 'a b' } from 'm'").Body[0];
        Assert.AreEqual("a b", ((Literal)export.Specifiers[0].Exported).Value);

        var dynamic = (ImportExpression)Expr(Module("import(x)"));
        Assert.IsNull(dynamic.Options);
        Assert.IsNotNull(((ImportExpression)Expr(Module("import(x, { with: {} })"))).Options);
    }

    [TestMethod]
    public void Using_declarations_have_their_own_kinds()
    {
        var block = (BlockStatement)Script("{ using x = y }").Body[0];
        Assert.AreEqual(VariableDeclarationKind.Using, ((VariableDeclaration)block.Body[0]).Kind);
        var fn = (FunctionDeclaration)Module("async function f(){ await using x = y; }").Body[0];
        Assert.AreEqual(VariableDeclarationKind.AwaitUsing, ((VariableDeclaration)fn.Body.Body[0]).Kind);
    }
}
