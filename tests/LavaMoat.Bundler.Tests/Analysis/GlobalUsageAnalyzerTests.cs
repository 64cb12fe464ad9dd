using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Tests.Analysis;

[TestClass]
public sealed class GlobalUsageAnalyzerTests
{
    private static GlobalUsage Analyze(string code, SourceType sourceType = SourceType.Script)
    {
        var program = new Parser(new ParserOptions { SourceType = sourceType }).Parse(code);
        return GlobalUsageAnalyzer.Analyze(program, ScopeAnalyzer.Analyze(program));
    }

    // The collapsed map as "path=read|write" in path order.
    private static string Collapsed(GlobalUsage usage) =>
        string.Join(" ", usage.Globals.Select(g => $"{g.Path}={(g.Access == GlobalUseKind.Write ? "write" : "read")}"));

    [TestMethod]
    [DataRow("window.document.title; document.createElement('a').href;", "document.createElement=read document.title=read")]
    [DataRow("document.title; document;", "document=read")]
    [DataRow("window.foo = 1; bar.baz = 2; window.deep.prop = 3;", "bar.baz=write deep.prop=read foo=write")]
    [DataRow("typeof fetch; typeof window;", "fetch=read")]
    [DataRow("const { fetch, a: { b } } = window;", "a.b=read fetch=read")]
    [DataRow("Array.from(x); new Promise(f); JSON.parse(s); globalThis.Object; TextEncoder;", "f=read s=read x=read")]
    [DataRow("var loc = 1; loc.href; function g(document) { document.title; }", "")]
    [DataRow("module.exports = require('x'); this.y; arguments; undefined; toString();", "")]
    [DataRow("navigator?.clipboard?.writeText(s);", "navigator.clipboard.writeText=read s=read")]
    [DataRow("x = 1; x.y;", "x=write")]
    public void Rules(string code, string expected) => Assert.AreEqual(expected, Collapsed(Analyze(code)));

    [TestMethod]
    public void Commonjs_names_are_globals_in_a_module() =>
        Assert.AreEqual("exports=read require=read", Collapsed(Analyze("require('x'); exports; export {};", SourceType.Module)));

    // Where we see reads LavaMoat misses.
    [TestMethod]
    [DataRow("window['location'].href;", "location.href=read")]
    [DataRow("localStorage['a.b'];", "localStorage=read")]
    [DataRow("window['fetch'] = f;", "f=read fetch=write")]
    [DataRow("o[someGlobal]; ({ [otherGlobal]: 1 }); class C { [methodName]() {} }", "methodName=read o=read otherGlobal=read someGlobal=read")]
    [DataRow("[...rest] = list;", "list=read rest=read")]
    [DataRow("const { 'str': s } = window.cfg;", "cfg.str=read")]
    public void Extensions(string code, string expected) => Assert.AreEqual(expected, Collapsed(Analyze(code)));

    [TestMethod]
    public void Positions_are_kept_per_occurrence_and_credited_to_the_surviving_path()
    {
        var usage = Analyze("document.title;\n  window.document.body;\ndocument = 1;\nlocation.href;");

        CollectionAssert.AreEqual(
            new[]
            {
                new GlobalOccurrence("document.title", GlobalUseKind.Read, new Position(1, 0)),
                new GlobalOccurrence("document.body", GlobalUseKind.Read, new Position(2, 2)),
                new GlobalOccurrence("document", GlobalUseKind.Write, new Position(3, 0)),
                new GlobalOccurrence("location.href", GlobalUseKind.Read, new Position(4, 0)),
            },
            usage.Occurrences.ToArray());

        var document = usage.Find("document");
        Assert.IsNotNull(document);
        Assert.AreEqual(GlobalUseKind.Write, document.Access);
        CollectionAssert.AreEqual(new[] { new Position(1, 0), new Position(2, 2), new Position(3, 0) }, document.Positions.ToArray());
        Assert.IsNull(usage.Find("document.title"));
        Assert.AreEqual("document=write location.href=read", Collapsed(usage));
    }

    [TestMethod]
    public void Destructured_paths_share_the_position_of_their_source()
    {
        var usage = Analyze("const { a, b } =\n  window.api;");
        Assert.AreEqual("api.a@2:2 api.b@2:2", string.Join(" ", usage.Occurrences.Select(o => $"{o.Path}@{o.Position}")));
    }

    [TestMethod]
    public void A_module_without_globals_gives_the_empty_result()
    {
        var usage = Analyze("const a = 1; export default a;", SourceType.Module);
        Assert.AreEqual(0, usage.Occurrences.Length);
        Assert.AreEqual(0, usage.Globals.Length);
    }

    [TestMethod]
    public void Every_snippet_analyses() =>
        // The oracle test compares these with lavamoat-core; here they must at least parse and analyse without a node.
        Assert.AreEqual(GlobalUsageSnippets.All.Count, GlobalUsageSnippets.All.Count(s =>
            Analyze(s.Code, s.Name is "esm" or "export-namespace" ? SourceType.Module : SourceType.Script) is not null));
}
