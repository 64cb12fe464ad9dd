using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Tests.Analysis;

/// <summary><see cref="SesCompatAnalyzer"/> on real snippets: what throws after lockdown is reported, what works is not.</summary>
[TestClass]
public sealed class SesCompatAnalyzerTests
{
    private static IReadOnlyList<SesCompatFinding> Find(string code, SourceType sourceType = SourceType.Script)
    {
        var program = new Parser(new ParserOptions { SourceType = sourceType }).Parse(code);
        return SesCompatAnalyzer.Analyze(program, ScopeAnalyzer.Analyze(program));
    }

    private static string[] Targets(string code, SourceType sourceType = SourceType.Script) =>
        [.. Find(code, sourceType).Select(f => f.Target)];

    [TestMethod]
    public void Assignments_to_intrinsic_properties_are_reported_with_position()
    {
        var findings = Find("var a = 1;\n  Array.prototype.last = function () {};\nObject.prototype.foo = 1;");
        Assert.AreEqual(2, findings.Count);
        Assert.AreEqual((2, 3), (findings[0].Line, findings[0].Column));
        Assert.AreEqual("Array.prototype.last", findings[0].Target);
        StringAssert.Contains(findings[0].Message, "Array.prototype.last");
        StringAssert.Contains(findings[0].Message, "throw a TypeError after lockdown");
        StringAssert.Contains(findings[0].Message, "Array.prototype cannot be changed");
        Assert.AreEqual((3, 1), (findings[1].Line, findings[1].Column));
        Assert.AreEqual("Object.prototype.foo", findings[1].Target);
        Assert.AreEqual("LMB5101", SesCompatAnalyzer.PrimordialMutationCode);
    }

    [TestMethod]
    public void Every_intrinsic_root_and_depth_counts()
    {
        CollectionAssert.AreEqual(
            new[] { "Function.prototype.call", "String.prototype.x", "Symbol.observable", "Math.random", "JSON.parse", "Promise.prototype.finally", "Array.prototype.push.x", "Object.keys" },
            Targets("""
                Function.prototype.call = null;
                String.prototype.x = 1;
                Symbol.observable = Symbol('observable');
                Math.random = () => 4;
                JSON.parse = p;
                Promise.prototype.finally = f;
                Array.prototype.push.x = 1;
                Object.keys += '';
                """));
    }

    [TestMethod]
    public void Computed_keys_literal_and_not()
    {
        CollectionAssert.AreEqual(
            new[] { "Array.prototype.flat", "Array.prototype[…]", "Object.prototype.x" },
            Targets("Array.prototype['flat'] = f; Array.prototype[name] = f; Object['prototype'].x = 1; Array[k].x = 1;"));
    }

    [TestMethod]
    public void Through_a_global_alias()
    {
        CollectionAssert.AreEqual(
            new[] { "Array.prototype.x", "Object.prototype.y" },
            Targets("window.Array.prototype.x = 1; globalThis.Object.prototype.y = 2; window.myLib = {};"));
    }

    [TestMethod]
    public void Updates_are_reported()
    {
        CollectionAssert.AreEqual(new[] { "Number.counter" }, Targets("Number.counter++;"));
    }

    [TestMethod]
    public void Object_and_reflect_mutators_on_intrinsics()
    {
        var findings = Find("""
            Object.defineProperty(Array.prototype, 'last', { get() {} });
            Object.defineProperties(String.prototype, {});
            Object.assign(Object, { extra: 1 });
            Object.setPrototypeOf(Function.prototype, null);
            Reflect.defineProperty(Array.prototype, 'x', {});
            Object.defineProperty(myObject, 'x', {});
            Object.freeze(Array.prototype);
            Object.keys(Array.prototype);
            """);
        CollectionAssert.AreEqual(
            new[] { "Array.prototype", "String.prototype", "Object", "Function.prototype", "Array.prototype" },
            findings.Select(f => f.Target).ToArray());
        StringAssert.Contains(findings[0].Message, "Object.defineProperty on Array.prototype will throw a TypeError after lockdown");
        StringAssert.Contains(findings[4].Message, "Reflect.defineProperty on Array.prototype will fail (return false)");
    }

    [TestMethod]
    public void Shadowed_intrinsic_names_are_not_intrinsics()
    {
        Assert.AreEqual(0, Find("""
            function f(Array) { Array.prototype.x = 1; }
            var Object = { prototype: {} };
            Object.prototype.y = 2;
            { let String = class {}; String.prototype.z = 3; }
            const Reflect = { defineProperty() {} };
            Reflect.defineProperty(Math, 'x', {});
            """).Count);
        Assert.AreEqual(0, Find("import { Map } from 'x'; Map.prototype.y = 1;", SourceType.Module).Count);
    }

    [TestMethod]
    public void Supported_error_accessors_are_not_reported()
    {
        Assert.AreEqual(0, Find("Error.prepareStackTrace = (e, s) => s; Error.stackTraceLimit = Infinity;").Count);
        CollectionAssert.AreEqual(new[] { "Error.captureStackTrace" }, Targets("Error.captureStackTrace = f;"));
    }

    [TestMethod]
    public void Override_mistake_cases_fixed_by_override_taming_are_not_reported()
    {
        // Assignments on ordinary objects that inherit a frozen intrinsic property (the "override mistake"):
        // SES's overrideTaming turns the common ones into accessors, so these work after lockdown.
        Assert.AreEqual(0, Find("""
            function Foo() {}
            Foo.prototype.toString = function () { return 'Foo'; };
            Foo.prototype.constructor = Foo;
            var err = new Error('x'); err.name = 'MyError'; err.message = 'm';
            var o = {}; o.hasOwnProperty = null;
            """).Count);
    }

    [TestMethod]
    public void Non_intrinsic_globals_and_plain_reads_are_not_reported()
    {
        Assert.AreEqual(0, Find("""
            window.foo = 1; document.title = 'x'; myGlobal.prototype.x = 1;
            var x = Array.prototype.slice.call(arguments);
            Array = MyArray; globalThis.Object;
            Object.defineProperty(exports, '__esModule', { value: true });
            """).Count);
    }
}
