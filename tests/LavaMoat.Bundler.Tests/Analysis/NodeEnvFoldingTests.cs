using System.Text.Json;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Analysis;

/// <summary><see cref="NodeEnvFolding"/>: what is replaced, what is dropped, what is left alone, and that the
/// rewritten code behaves as the original does with <c>process.env.NODE_ENV</c> set to the value.</summary>
[TestClass]
public sealed class NodeEnvFoldingTests
{
    private static string? Rewrite(string code, string value = "production", SourceType sourceType = SourceType.Script)
    {
        var program = new Parser(new ParserOptions { SourceType = sourceType }).Parse(code);
        var rewritten = NodeEnvFolding.Rewrite(program, ScopeAnalyzer.Analyze(program), code, value);
        if (rewritten is not null)
        {
            AssertSameShape(code, rewritten);
            // The rewrite must still parse in the same goal: the graph stage parses it again.
            new Parser(new ParserOptions { SourceType = sourceType }).Parse(rewritten);
        }

        return rewritten;
    }

    private static void AssertSameShape(string original, string rewritten)
    {
        Assert.AreEqual(original.Length, rewritten.Length, "the rewrite keeps the length");
        for (var i = 0; i < original.Length; i++)
        {
            if (original[i] is '\n' or '\r' or '\u2028' or '\u2029' || rewritten[i] is '\n' or '\r' or '\u2028' or '\u2029')
            {
                Assert.AreEqual(original[i], rewritten[i], $"line break at offset {i} kept");
            }
        }
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [TestMethod]
    public void Reads_become_the_padded_literal_and_the_dead_branch_is_blanked()
    {
        var code = "if (process.env.NODE_ENV === 'production') {\n  module.exports = require('./prod');\n} else {\n  module.exports = require('./dev');\n}\n";
        var production = Rewrite(code)!;
        Assert.AreEqual("if (\"production\"         === 'production') {\n  module.exports = require('./prod');\n} else ;\n" + new string(' ', 36) + "\n \n", production);
        var development = Rewrite(code, "development")!;
        Assert.AreEqual("if (\"development\"        === 'production') ;\n" + new string(' ', 37) + "\n  else {\n  module.exports = require('./dev');\n}\n", development);
    }

    [TestMethod]
    public void Dropped_requires_are_no_longer_imports()
    {
        var code = "'use strict';\nif (process.env.NODE_ENV !== 'production') { require('./a'); }\n"
            + "var x = process.env.NODE_ENV === 'production' ? require('./b') : require('./c');\n"
            + "'production' !== process.env.NODE_ENV && (function () { require('./d'); })();\n"
            + "process.env.NODE_ENV === 'production' || require('./e');\n"
            + "process.env.NODE_ENV ?? require('./f');\n";
        var rewritten = Rewrite(code)!;
        var program = new Parser(new ParserOptions { SourceType = SourceType.Script }).Parse(rewritten);
        var scopes = ScopeAnalyzer.Analyze(program);
        CollectionAssert.AreEqual(new[] { "./b" }, ImportFinder.Find(program, scopes).Select(i => i.Specifier).ToArray());
        Assert.IsFalse(scopes.FreeNames.Any(n => n.Name == "process"), "no read of process is left");
    }

    [TestMethod]
    public void Computed_keys_and_comments_inside_the_member_expression_are_recognised()
    {
        Assert.AreEqual("var a = \"test\"" + new string(' ', 20) + ";", Rewrite("var a = process['env'][\"NODE_ENV\"];", "test"));
        Assert.AreEqual("var a = \"test\"" + new string(' ', 23) + ";", Rewrite("var a = process /* x */ .env.NODE_ENV;", "test"));
    }

    [TestMethod]
    public void A_local_process_writes_other_names_and_optional_chains_are_left_alone()
    {
        Assert.IsNull(Rewrite("function f(process) { return process.env.NODE_ENV === 'production'; }"));
        Assert.IsNull(Rewrite("var process = { env: {} }; if (process.env.NODE_ENV === 'production') { x(); }"));
        Assert.IsNull(Rewrite("import process from 'process'; if (process.env.NODE_ENV === 'production') { x(); }", sourceType: SourceType.Module));
        Assert.IsNull(Rewrite("process.env.NODE_ENV = 'test'; process.env.NODE_ENV++; delete process.env.NODE_ENV;"));
        Assert.IsNull(Rewrite("[process.env.NODE_ENV] = ['a']; ({ a: process.env.NODE_ENV } = {}); for (process.env.NODE_ENV in {}) ;"));
        Assert.IsNull(Rewrite("x(process.env.NODE_ENVX, process.env.OTHER, process?.env.NODE_ENV, process.env?.NODE_ENV, env.NODE_ENV);"));
    }

    [TestMethod]
    public void Undecidable_tests_keep_both_branches()
    {
        var rewritten = Rewrite("if (typeof process !== 'undefined' && process.env.NODE_ENV === 'production') { a(); } else { b(); }")!;
        StringAssert.Contains(rewritten, "a();");
        StringAssert.Contains(rewritten, "b();");
        StringAssert.Contains(rewritten, "\"production\"");
        var loose = Rewrite("if (process.env.NODE_ENV == 1) { a(); } else { b(); }")!;
        StringAssert.Contains(loose, "a();");
        StringAssert.Contains(loose, "b();");
    }

    [TestMethod]
    public void A_branch_that_declares_a_var_is_kept_because_the_var_is_hoisted_out_of_it()
    {
        var rewritten = Rewrite("if (process.env.NODE_ENV !== 'production') { var warn = require('./warn'); }\nwarn;")!;
        StringAssert.Contains(rewritten, "require('./warn')");
        var nested = Rewrite("if (process.env.NODE_ENV !== 'production') { (function () { var inner = 1; })(); let a = 2; }")!;
        Assert.AreEqual("if (\"production\" !== 'production') ;", Squeeze(nested));
    }

    [TestMethod]
    public void A_member_expression_broken_before_the_literal_would_end_stays_a_run_time_read()
    {
        // "production" needs 12 columns; the line ends after "process.env" (11): replacing would move a line break.
        Assert.IsNull(Rewrite("var a = process.env\n  .NODE_ENV;"));
    }

    [TestMethod]
    public void Values_that_do_not_fit_or_need_escaping_are_refused()
    {
        Assert.IsNull(NodeEnvFolding.Validate("production"));
        Assert.IsNull(NodeEnvFolding.Validate("staging-2.eu_west"));
        Assert.IsNotNull(NodeEnvFolding.Validate(""));
        Assert.IsNotNull(NodeEnvFolding.Validate(new string('a', NodeEnvFolding.MaxValueLength + 1)));
        Assert.IsNotNull(NodeEnvFolding.Validate("a\"b"));
        Assert.IsNotNull(NodeEnvFolding.Validate("a b"));
        Assert.IsNotNull(NodeEnvFolding.Validate("é"));
        Assert.ThrowsExactly<ArgumentException>(() => Rewrite("process.env.NODE_ENV", "a\\b"));
    }

    /// <summary>
    /// The oracle: each snippet runs in Node twice, the original with <c>process.env.NODE_ENV</c> set to the value
    /// and the rewrite with it set to something else, so any read the rewrite left or any branch it dropped wrongly
    /// shows up as a different log.
    /// </summary>
    [TestMethod]
    public async Task Rewritten_code_behaves_as_the_original_with_the_value_set()
    {
        string[] snippets =
        [
            "if (process.env.NODE_ENV === 'production') { log.push('prod'); } else { log.push('dev'); }",
            "if (process.env.NODE_ENV !== 'production') log.push('not prod'); else if (process.env.NODE_ENV === 'test') log.push('test'); else log.push('other');",
            "log.push(process.env.NODE_ENV === 'production' ? 'p' : 'd', process.env.NODE_ENV);",
            "log.push('production' !== process.env.NODE_ENV && (function () { log.push('dev side effect'); return 1; })());",
            "log.push(process.env.NODE_ENV === 'production' || log.push('evaluated'));",
            "log.push(process.env.NODE_ENV ?? log.push('nullish'));",
            "log.push(!(process.env.NODE_ENV === 'development') && 'not dev');",
            "if (process.env.NODE_ENV !== 'production') { var hoisted = 'kept'; } log.push(typeof hoisted);",
            "if (!(process.env.NODE_ENV === 'production' && process.env.NODE_ENV !== 'test')) { log.push('a'); } else { log.push('b'); }",
            "var m = `multi\nline ${process.env.NODE_ENV}`; if (process.env.NODE_ENV === 'test') { log.push(`x\ny`); } log.push(m);",
        ];
        var dir = TestPaths.NewWorkDir("node-env");
        foreach (var value in new[] { "production", "development", "test" })
        {
            var pairs = snippets.Select(s => new[] { s, Rewrite(s, value) ?? s }).ToArray();
            var script = $$"""
                const pairs = {{JsonSerializer.Serialize(pairs)}};
                const run = (src, env) => {
                  process.env.NODE_ENV = env;
                  const log = [];
                  try { new Function('log', '"use strict";\n' + src)(log); } catch (e) { log.push('threw ' + e.message); }
                  return JSON.stringify(log);
                };
                console.log(JSON.stringify(pairs.map(([original, rewritten]) => [run(original, {{JsonSerializer.Serialize(value)}}), run(rewritten, 'changed at run time')])));
                """;
            var file = Path.Combine(dir, value + ".js");
            await File.WriteAllTextAsync(file, script);
            var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", [file], dir);
            Assert.AreEqual(0, exit, stderr);
            var results = JsonSerializer.Deserialize<string[][]>(stdout)!;
            for (var i = 0; i < snippets.Length; i++)
            {
                Assert.AreEqual(results[i][0], results[i][1], $"NODE_ENV={value}: {snippets[i]}\nrewritten: {pairs[i][1]}");
            }
        }
    }
}
