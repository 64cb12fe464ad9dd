using System.Text.Json;

namespace LavaMoat.Bundler.Tool.Tests;

[TestClass]
public sealed class InspectCommandTests
{
    [TestMethod]
    public void Lists_imports_of_every_form_with_positions()
    {
        using var dir = ToolRunner.Files(("main.mjs", """
            import a from './a.js';
            export { b } from "./b.js";
            export * from './c.js';
            const d = await import('./d.js');
            const lazy = (name) => import(name);
            """));

        var result = ToolRunner.Run(dir.Path, "inspect", "main.mjs");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "main.mjs (module)");
        StringAssert.Matches(result.Stdout, new(@"\./a\.js\s+import 1:15"));
        StringAssert.Matches(result.Stdout, new(@"\./b\.js\s+export from 2:19"));
        StringAssert.Matches(result.Stdout, new(@"\./c\.js\s+export from 3:15"));
        StringAssert.Matches(result.Stdout, new(@"\./d\.js\s+import\(\) 4:24"));
        StringAssert.Matches(result.Stdout, new(@"<not a literal: known at run time only>\s+import\(\) 5:31"));
    }

    [TestMethod]
    public void A_shadowed_require_is_not_an_import()
    {
        using var dir = ToolRunner.Files(("lib.js", """
            var x = require('real');
            function f(require) { return require('not-an-import'); }
            """));

        var result = ToolRunner.Run(dir.Path, "inspect", "lib.js");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "real");
        Assert.IsFalse(result.Stdout.Contains("not-an-import", StringComparison.Ordinal), result.Stdout);
    }

    [TestMethod]
    public void Lists_free_globals_with_read_write_and_every_position_and_sets_intrinsics_apart()
    {
        using var dir = ToolRunner.Files(("page.js", """
            var local = 1;
            document.title = String(local);
            counter = (counter || 0) + 1;
            window.alert(JSON.stringify({ local }));
            """));

        var result = ToolRunner.Run(dir.Path, "inspect", "page.js");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        StringAssert.Matches(result.Stdout, new(@"document\s+read\s+2:1\n"));
        StringAssert.Matches(result.Stdout, new(@"counter\s+read\+write\s+3:1, 3:12\n"));
        StringAssert.Matches(result.Stdout, new(@"window\s+read\s+4:1\n"));
        StringAssert.Contains(result.Stdout, "intrinsics (need no policy): String, JSON");
        Assert.IsFalse(result.Stdout.Contains("local ", StringComparison.Ordinal), "a declared variable is not a global");
    }

    [TestMethod]
    public void File_extension_decides_the_goal_over_the_flag()
    {
        using var dir = ToolRunner.Files(
            ("a.cjs", "with (obj) { x; }"),
            ("b.mjs", "export const y = 1;"));

        var result = ToolRunner.Run(dir.Path, "inspect", "--module", "a.cjs", "b.mjs");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "a.cjs (script)");
        StringAssert.Contains(result.Stdout, "b.mjs (module)");
    }

    [TestMethod]
    public void Syntax_error_is_reported_with_file_line_and_column_and_other_files_still_inspected()
    {
        using var dir = ToolRunner.Files(
            ("bad.js", "const ok = 1;\nlet x = ;\n"),
            ("good.js", "fetch('/x');"));

        var result = ToolRunner.Run(dir.Path, "inspect", "bad.js", "good.js");

        Assert.AreEqual(1, result.ExitCode);
        StringAssert.Contains(result.Stderr, "bad.js(2,9): error LMB1001: Unexpected token");
        Assert.IsFalse(result.Stderr.Contains("   at ", StringComparison.Ordinal), "no stack trace for a user's syntax error");
        StringAssert.Matches(result.Stdout, new(@"fetch\s+read\s+1:1"));
    }

    [TestMethod]
    public void Missing_file_is_a_located_error_not_a_crash()
    {
        using var dir = ToolRunner.Files();

        var result = ToolRunner.Run(dir.Path, "inspect", "nope.js");

        Assert.AreEqual(1, result.ExitCode);
        StringAssert.Contains(result.Stderr, "nope.js: error LMB0001: file not found");
        Assert.IsFalse(result.Stderr.Contains("   at ", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Estree_prints_one_array_with_a_tree_or_an_error_per_file_in_order()
    {
        using var dir = ToolRunner.Files(
            ("one.js", "a + 1"),
            ("two.js", "\n  )"),
            ("three.mjs", "export default 2"));

        var result = ToolRunner.Run(dir.Path, "inspect", "--estree", "one.js", "two.js", "three.mjs");

        Assert.AreEqual(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.HasCount(3, items);
        Assert.AreEqual("BinaryExpression", items[0].GetProperty("body")[0].GetProperty("expression").GetProperty("type").GetString());
        var error = items[1].GetProperty("error");
        Assert.AreEqual(2, error.GetProperty("line").GetInt32());
        Assert.AreEqual(2, error.GetProperty("column").GetInt32(), "column is 0-based in JSON, as acorn reports it");
        Assert.AreEqual("module", items[2].GetProperty("sourceType").GetString());
    }

    [TestMethod]
    public void Module_and_script_flags_together_are_a_usage_error()
    {
        using var dir = ToolRunner.Files(("a.js", "1"));

        var result = ToolRunner.Run(dir.Path, "inspect", "--module", "--script", "a.js");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Stderr, "--module and --script cannot be used together");
    }

    [TestMethod]
    public void A_very_deep_but_valid_file_is_inspected_not_rejected()
    {
        // 2,400 chained additions: deeper than a default thread's stack holds for scope analysis.
        using var dir = ToolRunner.Files(("deep.js", "var s = " + string.Join(" + ", Enumerable.Repeat("part", 2400)) + ";"));

        var result = ToolRunner.Run(dir.Path, "inspect", "deep.js");
        var estree = ToolRunner.Run(dir.Path, "inspect", "--estree", "deep.js");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        StringAssert.Matches(result.Stdout, new(@"part\s+read\s+1:9, 1:16,"));
        Assert.AreEqual(0, estree.ExitCode, estree.Stderr);
        Assert.StartsWith("[\n{\"type\":\"Program\"", estree.Stdout);
    }
}
