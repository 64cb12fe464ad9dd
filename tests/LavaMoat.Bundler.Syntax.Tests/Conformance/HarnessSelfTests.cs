using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>
/// The harness itself can fail: a comparison that never reports anything would pass every suite. These hold it
/// to known differences.
/// </summary>
[TestClass]
public sealed class HarnessSelfTests
{
    [TestMethod]
    public void Comparer_reports_a_tree_that_differs_from_acorns_with_its_first_json_path()
    {
        // acorn's script-goal verdict, handed over as if it were the module goal's: we parse as a module, so
        // the trees differ exactly in Program.sourceType; the diagnosis must find that.
        var dir = Directory.CreateTempSubdirectory("lavamoat-selftest-").FullName;
        try
        {
            var file = Path.Combine(dir, "plain.js");
            File.WriteAllText(file, "x = a + b;\n");
            var request = new AcornRequest(file, AcornMode.Script);
            var acorn = AcornOracle.Dump([request]);
            var report = AcornComparer.Compare("self-test", [new AcornCase("plain.js", request, acorn[0] with { SourceType = "module" })]);
            Assert.AreEqual(1, report.Count);
            Assert.AreEqual("Program.sourceType", report.Categories()[0].Category);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Comparer_reports_a_verdict_that_differs_from_acorns()
    {
        var dir = Directory.CreateTempSubdirectory("lavamoat-selftest-").FullName;
        try
        {
            var valid = Path.Combine(dir, "valid.js");
            var invalid = Path.Combine(dir, "invalid.js");
            File.WriteAllText(valid, "x = 1;\n");
            File.WriteAllText(invalid, "x = ;\n");
            var acorn = AcornOracle.Dump([new AcornRequest(invalid, AcornMode.Script), new AcornRequest(valid, AcornMode.Script)]);
            var report = AcornComparer.Compare(
                "self-test",
                [
                    new AcornCase("valid.js as if invalid", new AcornRequest(valid, AcornMode.Script), acorn[0]),
                    new AcornCase("invalid.js as if valid", new AcornRequest(invalid, AcornMode.Script), acorn[1]),
                ]);
            var categories = report.Categories().Select(c => c.Category).ToList();
            Assert.HasCount(2, categories);
            Assert.IsTrue(categories.Any(c => c.StartsWith("we accept invalid code", StringComparison.Ordinal)), string.Join(", ", categories));
            Assert.IsTrue(categories.Any(c => c.StartsWith("we reject valid code", StringComparison.Ordinal)), string.Join(", ", categories));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Dumper_decides_each_files_goal_the_way_a_bundler_does()
    {
        var dir = Directory.CreateTempSubdirectory("lavamoat-selftest-").FullName;
        try
        {
            var esm = Directory.CreateDirectory(Path.Combine(dir, "esm")).FullName;
            File.WriteAllText(Path.Combine(esm, "package.json"), """{ "type": "module" }""");
            var files = new (string Path, string Text, string Decision, string SourceType)[]
            {
                (Path.Combine(dir, "a.mjs"), "var x;", "mjs", "module"),
                (Path.Combine(dir, "b.cjs"), "var x;", "cjs", "script"),
                (Path.Combine(esm, "c.js"), "var x;", "type-module", "module"),
                (Path.Combine(dir, "d.js"), "with (a) b;", "parses-as-script", "script"),
                (Path.Combine(dir, "e.js"), "import x from 'y';", "parses-as-module-only", "module"),
                (Path.Combine(dir, "f.js"), "x = ;", "rejected-both", "script"),
            };
            foreach (var file in files)
            {
                File.WriteAllText(file.Path, file.Text);
            }

            var results = AcornOracle.Dump(files.Select(f => new AcornRequest(f.Path, AcornMode.Auto)).ToList());
            for (var i = 0; i < files.Length; i++)
            {
                Assert.AreEqual(files[i].Decision, results[i].Decision, files[i].Path);
                Assert.AreEqual(files[i].SourceType, results[i].SourceType, files[i].Path);
            }

            Assert.IsTrue(results[5].RejectedInBothGoals);
            Assert.IsNotNull(results[5].Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void JsonDiff_names_the_first_differing_path_and_the_enclosing_node()
    {
        const string acorn = """{"body":[{"end":3,"start":0,"type":"Literal","value":1}],"type":"Program"}""";
        const string ours = """{"body":[{"end":3,"start":0,"type":"Literal","value":2}],"type":"Program"}""";
        var diff = JsonDiff.FirstDifference(acorn, ours)!;
        Assert.AreEqual("$.body[0].value", diff.Path);
        Assert.AreEqual("1", diff.Expected);
        Assert.AreEqual("2", diff.Actual);
        Assert.AreEqual("Literal.value", diff.Category);
        Assert.IsNull(JsonDiff.FirstDifference(acorn, acorn));

        var missing = JsonDiff.FirstDifference("""{"a":1,"b":2}""", """{"b":2}""")!;
        Assert.AreEqual("$.a", missing.Path);
        StringAssert.Contains(missing.Actual, "has no property \"a\"");
    }
}
