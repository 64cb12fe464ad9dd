using System.Text.Json;

namespace LavaMoat.Bundler.Tool.Tests;

/// <summary>The bundling command as a user runs it: a separate process, exit codes, stdout and stderr.</summary>
[TestClass]
public sealed class BundleCommandTests
{
    private static void AssertUsageError(ToolRunner.Result result, string message)
    {
        Assert.AreEqual(2, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stderr, "lavamoat-bundle: error: " + message);
        StringAssert.Contains(result.Stderr, "Run 'dotnet lavamoat-bundle --help' for usage.");
        Assert.IsFalse(result.Stderr.Contains("   at ", StringComparison.Ordinal), "no stack trace for a usage error");
        Assert.IsFalse(result.Stderr.Contains("Options:", StringComparison.Ordinal), "a usage error is a hint, not the whole help");
        Assert.AreEqual("", result.Stdout);
    }

    [TestMethod]
    public void No_arguments_is_a_usage_error()
    {
        using var dir = ToolRunner.Files();

        AssertUsageError(ToolRunner.Run(dir.Path), "no entry file given");
    }

    [TestMethod]
    public void Missing_output_is_a_usage_error()
    {
        using var dir = ToolRunner.Files(("index.js", ""));

        AssertUsageError(ToolRunner.Run(dir.Path, "index.js"), "no output file given: add -o <bundle.js> (--output).");
    }

    [TestMethod]
    public void Unknown_option_value_is_a_usage_error_naming_the_option()
    {
        using var dir = ToolRunner.Files(("index.js", ""));

        AssertUsageError(ToolRunner.Run(dir.Path, "index.js", "-o", "out.js", "--sourcemap", "hidden"), "--sourcemap 'hidden' is not one of external, inline, none.");
    }

    [TestMethod]
    public void Unknown_option_is_a_usage_error()
    {
        using var dir = ToolRunner.Files(("index.js", ""));

        var result = ToolRunner.Run(dir.Path, "index.js", "-o", "out.js", "--minify");

        AssertUsageError(result, "unknown option '--minify'");
    }

    [TestMethod]
    public void Contradictory_options_are_a_usage_error()
    {
        using var dir = ToolRunner.Files(("index.js", ""));

        AssertUsageError(ToolRunner.Run(dir.Path, "index.js", "-o", "out.js", "--autopolicy", "--check-policy"),
            "--autopolicy and --check-policy cannot be used together");
    }

    [TestMethod]
    public void A_node_env_value_that_cannot_be_a_plain_literal_is_a_usage_error()
    {
        using var dir = ToolRunner.Files(("index.js", ""));

        AssertUsageError(ToolRunner.Run(dir.Path, "index.js", "-o", "out.js", "--node-env", "pro duction"),
            "--node-env 'pro duction' may only contain ASCII letters, digits, '-', '_' and '.'.");
    }

    [TestMethod]
    public void Malformed_scuttle_exception_is_a_usage_error()
    {
        using var dir = ToolRunner.Files(("index.js", ""));

        AssertUsageError(ToolRunner.Run(dir.Path, "index.js", "-o", "out.js", "--scuttle-except", "/on(/"),
            "--scuttle-except '/on(/': not a valid regular expression");
    }

    [TestMethod]
    public void Inspect_usage_errors_point_at_inspect_help_and_exit_2()
    {
        using var dir = ToolRunner.Files(("a.js", "1"));

        var result = ToolRunner.Run(dir.Path, "inspect", "--module", "--script", "a.js");

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.Contains(result.Stderr, "Run 'dotnet lavamoat-bundle inspect --help' for usage.");
    }

    [TestMethod]
    public void A_bundling_option_given_to_inspect_is_an_unknown_option_not_a_missing_file()
    {
        using var dir = ToolRunner.Files(("a.js", "1"));

        // Also what happens to an entry literally named "inspect": the subcommand wins, ./inspect bundles it.
        var result = ToolRunner.Run(dir.Path, "inspect", "a.js", "-o", "out.js");

        Assert.AreEqual(2, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stderr, "lavamoat-bundle: error: unknown option '-o' for inspect");
        Assert.IsFalse(result.Stderr.Contains("file not found", StringComparison.Ordinal), result.Stderr);
    }

    [TestMethod]
    public void An_entry_named_inspect_is_bundled_when_written_as_a_path()
    {
        using var dir = ToolRunner.Files(("inspect", "1"));

        var result = ToolRunner.Run(dir.Path, "./inspect", "-o", "out.js", "--format", "json");

        // Whatever the build makes of it, the bundling command ran: its JSON document, not inspect's report.
        Assert.AreNotEqual(2, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stderr, "lavamoat-bundle: ");
        Assert.IsFalse(result.Stdout.Contains("imports:", StringComparison.Ordinal), result.Stdout);
    }

    [TestMethod]
    public void Help_lists_the_options_with_their_LavaMoat_aliases_and_exits_0()
    {
        using var dir = ToolRunner.Files();

        var result = ToolRunner.Run(dir.Path, "--help");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        foreach (var name in new[]
        {
            "--output", "--policy", "--override", "--policyOverride", "--policy-debug", "--policyDebug", "--policy-name", "--policyName",
            "--autopolicy", "--writeAutoPolicy", "--check-policy", "--project-root", "--projectRoot", "--scuttle", "--scuttleGlobalThis",
            "--scuttle-except", "--runtime <inline|separate>", "--sourcemap", "<external|inline|none>", "--debug", "--stats",
            "--format <text|json|msbuild>", "inspect",
        })
        {
            StringAssert.Contains(result.Stdout, name);
        }
    }

    // ---- End to end: these run the real pipeline on tests/fixtures/cli/hello (a copy, so the fixture stays clean).

    [TestMethod]
    public void Bundles_the_fixture_and_reports_modules_packages_and_bytes()
    {
        using var app = ToolRunner.CopyFixture("hello");

        var result = ToolRunner.Run(app.Path, "index.js", "-o", "dist/app.js");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        var bundle = Path.Combine(app.Path, "dist", "app.js");
        Assert.IsTrue(File.Exists(bundle), "the bundle is written");
        StringAssert.Contains(File.ReadAllText(bundle), "navigator.language");
        CollectionAssert.Contains(result.Stdout.ReplaceLineEndings("\n").Split('\n'), "dist/app.js");
        StringAssert.Matches(result.Stderr, new(@"lavamoat-bundle: 2 modules, 2 packages, \d+ bytes in \d+\.\d\d s"));
    }

    [TestMethod]
    public void Json_format_prints_one_document_with_the_written_files()
    {
        using var app = ToolRunner.CopyFixture("hello");

        var result = ToolRunner.Run(app.Path, "index.js", "-o", "dist/app.js", "--format", "json", "--sourcemap", "none");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var doc = json.RootElement;
        Assert.IsTrue(doc.GetProperty("success").GetBoolean());
        CollectionAssert.Contains(doc.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList(), Path.Combine(app.Path, "dist", "app.js"));
        Assert.AreEqual(2, doc.GetProperty("stats").GetProperty("modules").GetInt32());
        Assert.IsGreaterThan(0, doc.GetProperty("stats").GetProperty("bytes").GetInt64());
        Assert.HasCount(1, result.Stderr.Trim().Split('\n'), "only the summary goes to stderr: " + result.Stderr);
    }

    [TestMethod]
    public void A_missing_module_is_a_located_error_and_nothing_is_written()
    {
        using var dir = ToolRunner.Files(
            ("package.json", """{ "name": "app", "version": "1.0.0" }"""),
            ("index.js", "var x = 1;\nrequire('./nope');\n"));

        var result = ToolRunner.Run(dir.Path, "index.js", "-o", "dist/app.js");

        Assert.AreEqual(1, result.ExitCode, result.Stderr);
        StringAssert.Matches(result.Stderr, new(@"(^|\n)index\.js\(2,\d+\): error LMB2001: "));
        StringAssert.Contains(result.Stderr, "lavamoat-bundle: build failed with 1 error");
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "dist", "app.js")));
        Assert.IsFalse(result.Stderr.Contains("   at ", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Autopolicy_writes_the_policy_under_lavamoat_browserify()
    {
        using var app = ToolRunner.CopyFixture("hello");
        var policy = Path.Combine(app.Path, "lavamoat", "browserify", "policy.json");
        File.Delete(policy);

        var result = ToolRunner.Run(app.Path, "index.js", "-o", "dist/app.js", "--autopolicy");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        Assert.IsTrue(File.Exists(policy), "policy.json is generated");
        using var json = JsonDocument.Parse(File.ReadAllText(policy));
        var greet = json.RootElement.GetProperty("resources").GetProperty("greet");
        Assert.IsTrue(greet.GetProperty("globals").GetProperty("navigator.language").GetBoolean());
        Assert.IsTrue(File.Exists(Path.Combine(app.Path, "dist", "app.js")));
    }

    [TestMethod]
    public void Check_policy_fails_when_the_policy_lacks_what_the_code_needs()
    {
        using var app = ToolRunner.CopyFixture("hello");
        File.WriteAllText(Path.Combine(app.Path, "lavamoat", "browserify", "policy.json"), """{ "resources": {} }""");

        var result = ToolRunner.Run(app.Path, "index.js", "-o", "dist/app.js", "--check-policy");

        Assert.AreEqual(1, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stderr, "error LMB4101");
        Assert.IsFalse(File.Exists(Path.Combine(app.Path, "dist", "app.js")));
    }

    [TestMethod]
    public void Check_policy_passes_with_the_committed_policy()
    {
        using var app = ToolRunner.CopyFixture("hello");

        var result = ToolRunner.Run(app.Path, "index.js", "-o", "dist/app.js", "--check-policy");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
    }

    [TestMethod]
    public void Runs_from_another_folder_with_the_root_found_from_the_entry()
    {
        using var app = ToolRunner.CopyFixture("hello");
        var parent = Path.GetDirectoryName(app.Path)!;
        var name = Path.GetFileName(app.Path);

        var result = ToolRunner.Run(parent, $"{name}/index.js", "-o", $"{name}/out/app.js", "--format", "msbuild");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        Assert.IsTrue(File.Exists(Path.Combine(app.Path, "out", "app.js")));
        CollectionAssert.Contains(result.Stdout.ReplaceLineEndings("\n").Split('\n'), Path.Combine(app.Path, "out", "app.js"), "msbuild lists full paths");
    }
}
