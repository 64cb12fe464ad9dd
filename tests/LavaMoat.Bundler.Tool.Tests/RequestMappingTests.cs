using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tool.Tests;

/// <summary>The command line → <see cref="BundleRequest"/> mapping, in process: no build runs.</summary>
[TestClass]
public sealed class RequestMappingTests
{
    private static RequestMapping Map(string currentDirectory, params string[] args)
    {
        var cli = new BundleCommand();
        var parsed = cli.Parse(args);
        Assert.IsEmpty(parsed.Errors, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        return cli.CreateRequest(parsed, currentDirectory);
    }

    private static BundleInvocation MapOk(string currentDirectory, params string[] args)
    {
        var mapping = Map(currentDirectory, args);
        Assert.IsNull(mapping.UsageError, mapping.UsageError);
        return mapping.Invocation!;
    }

    private static string UsageError(string currentDirectory, params string[] args)
    {
        var mapping = Map(currentDirectory, args);
        Assert.IsNull(mapping.Invocation, "expected a usage error");
        return mapping.UsageError!;
    }

    private static List<string> ParseErrors(params string[] args) => [.. new BundleCommand().Parse(args).Errors.Select(e => e.Message)];

    [TestMethod]
    public void Defaults_give_full_paths_and_the_nearest_package_json_folder_as_root()
    {
        using var dir = ToolRunner.Files(("app/package.json", "{}"), ("app/src/main.js", ""), ("app/src/other.js", ""));
        var cwd = Path.Combine(dir.Path, "app");

        var invocation = MapOk(cwd, "src/main.js", "src/other.js", "-o", "dist/app.js");
        var request = invocation.Request;

        Assert.AreEqual(cwd, request.ProjectRoot);
        CollectionAssert.AreEqual(new[] { Path.Combine(cwd, "src", "main.js"), Path.Combine(cwd, "src", "other.js") }, request.Entries.ToArray());
        Assert.AreEqual(Path.Combine(cwd, "dist", "app.js"), request.OutputPath);
        Assert.AreEqual("browserify", request.PolicyName);
        Assert.IsNull(request.PolicyPath);
        Assert.IsNull(request.OverridePath);
        Assert.IsNull(request.PolicyDebugPath);
        Assert.IsFalse(request.AutoPolicy);
        Assert.IsFalse(request.CheckPolicy);
        Assert.IsNull(request.Scuttle);
        Assert.AreEqual(RuntimePlacement.Inline, request.Runtime);
        Assert.AreEqual(SourceMapMode.External, request.SourceMap);
        Assert.IsFalse(request.DebugMode);
        Assert.IsFalse(request.StatsMode);
        Assert.IsFalse(request.StrictBuiltins);
        Assert.AreEqual("production", request.NodeEnv);
        Assert.IsTrue(request.TreeShaking);
        Assert.AreEqual(OutputFormat.Text, invocation.Format);
    }

    [TestMethod]
    public void Root_is_found_from_the_first_entry_not_the_current_directory()
    {
        using var dir = ToolRunner.Files(("web/package.json", "{}"), ("web/client/index.js", ""), ("elsewhere/x.txt", ""));
        var cwd = Path.Combine(dir.Path, "elsewhere");

        var request = MapOk(cwd, "../web/client/index.js", "-o", "out.js").Request;

        Assert.AreEqual(Path.Combine(dir.Path, "web"), request.ProjectRoot);
        Assert.AreEqual(Path.Combine(cwd, "out.js"), request.OutputPath);
    }

    [TestMethod]
    public void Without_any_package_json_the_root_is_the_current_directory()
    {
        using var dir = ToolRunner.Files(("a/b/main.js", ""));

        // Temp folders sit outside any package, so the search reaches the file system root and falls back.
        var request = MapOk(dir.Path, "a/b/main.js", "-o", "out.js").Request;

        Assert.AreEqual(dir.Path, request.ProjectRoot);
    }

    [TestMethod]
    public void Every_option_maps_to_the_request_with_paths_relative_to_the_current_directory()
    {
        using var dir = ToolRunner.Files(("root/package.json", "{}"), ("main.js", ""));

        var invocation = MapOk(dir.Path,
            "main.js", "--output", "out/bundle.js",
            "--project-root", "root",
            "--policy", "p/policy.json",
            "--override", "p/over.json",
            "--policy-debug", "p/debug.json",
            "--policy-name", "main",
            "--autopolicy",
            "--scuttle", "--scuttle-except", "fetch", "--scuttle-except", "/^on[a-z]+$/i",
            "--runtime", "separate",
            "--sourcemap", "inline",
            "--debug", "--stats", "--strict-builtins",
            "--node-env", "development",
            "--no-tree-shaking",
            "--format", "json");
        var request = invocation.Request;

        Assert.AreEqual(Path.Combine(dir.Path, "root"), request.ProjectRoot);
        Assert.AreEqual(Path.Combine(dir.Path, "out", "bundle.js"), request.OutputPath);
        Assert.AreEqual(Path.Combine(dir.Path, "p", "policy.json"), request.PolicyPath);
        Assert.AreEqual(Path.Combine(dir.Path, "p", "over.json"), request.OverridePath);
        Assert.AreEqual(Path.Combine(dir.Path, "p", "debug.json"), request.PolicyDebugPath);
        Assert.AreEqual("main", request.PolicyName);
        Assert.IsTrue(request.AutoPolicy);
        Assert.IsNotNull(request.Scuttle);
        CollectionAssert.AreEqual(new[] { "fetch", "/^on[a-z]+$/i" }, request.Scuttle.Exceptions.ToArray());
        Assert.AreEqual(RuntimePlacement.Separate, request.Runtime);
        Assert.AreEqual(SourceMapMode.Inline, request.SourceMap);
        Assert.IsTrue(request.DebugMode);
        Assert.IsTrue(request.StatsMode);
        Assert.IsTrue(request.StrictBuiltins);
        Assert.AreEqual("development", request.NodeEnv);
        Assert.IsFalse(request.TreeShaking);
        Assert.AreEqual(OutputFormat.Json, invocation.Format);
    }

    [TestMethod]
    public void Node_env_none_keeps_run_time_reads()
    {
        using var dir = ToolRunner.Files(("package.json", "{}"), ("main.js", ""));

        Assert.IsNull(MapOk(dir.Path, "main.js", "-o", "out.js", "--node-env", "none").Request.NodeEnv);
        Assert.AreEqual("test", MapOk(dir.Path, "main.js", "-o", "out.js", "--nodeEnv", "test").Request.NodeEnv);
    }

    [TestMethod]
    public void LavaMoat_option_names_are_accepted_as_aliases()
    {
        using var dir = ToolRunner.Files(("root/package.json", "{}"), ("main.js", ""));

        var request = MapOk(dir.Path,
            "main.js", "--outfile", "out.js",
            "--projectRoot", "root",
            "--policyOverride", "over.json",
            "--policyDebug", "debug.json",
            "--policyName", "ext",
            "--writeAutoPolicy",
            "--scuttleGlobalThis", "--scuttleGlobalThisExceptions", "chrome",
            "--debugMode", "--statsMode").Request;

        Assert.AreEqual(Path.Combine(dir.Path, "root"), request.ProjectRoot);
        Assert.AreEqual(Path.Combine(dir.Path, "out.js"), request.OutputPath);
        Assert.AreEqual(Path.Combine(dir.Path, "over.json"), request.OverridePath);
        Assert.AreEqual(Path.Combine(dir.Path, "debug.json"), request.PolicyDebugPath);
        Assert.AreEqual("ext", request.PolicyName);
        Assert.IsTrue(request.AutoPolicy);
        CollectionAssert.AreEqual(new[] { "chrome" }, request.Scuttle!.Exceptions.ToArray());
        Assert.IsTrue(request.DebugMode);
        Assert.IsTrue(request.StatsMode);
    }

    [TestMethod]
    public void Short_aliases_follow_LavaMoat_where_they_do_not_clash_with_output()
    {
        using var dir = ToolRunner.Files(("root/package.json", "{}"), ("main.js", ""));

        var request = MapOk(dir.Path, "main.js", "-o", "out.js", "-p", "pol.json", "-r", "root", "--pn", "n", "-a", "-d").Request;

        Assert.AreEqual(Path.Combine(dir.Path, "pol.json"), request.PolicyPath);
        Assert.AreEqual(Path.Combine(dir.Path, "root"), request.ProjectRoot);
        Assert.AreEqual("n", request.PolicyName);
        Assert.IsTrue(request.AutoPolicy);
        Assert.IsTrue(request.DebugMode);
    }

    [TestMethod]
    [DataRow("--autopolicy-debug")]
    [DataRow("--writeAutoPolicyDebug")]
    [DataRow("--debugpolicy")]
    [DataRow("--dp")]
    public void Autopolicy_debug_turns_on_autopolicy_and_asks_for_the_debug_file_beside_the_policy(string flag)
    {
        using var dir = ToolRunner.Files(("package.json", "{}"), ("main.js", ""));

        var request = MapOk(dir.Path, "main.js", "-o", "out.js", "--policy-name", "web", flag).Request;

        Assert.IsTrue(request.AutoPolicy);
        Assert.AreEqual(Path.Combine(dir.Path, "lavamoat", "web", "policy-debug.json"), request.PolicyDebugPath);
    }

    [TestMethod]
    public void A_scuttle_exception_alone_turns_scuttling_on()
    {
        using var dir = ToolRunner.Files(("main.js", ""));

        var request = MapOk(dir.Path, "main.js", "-o", "out.js", "--scuttle-except", "/^webkit/").Request;

        CollectionAssert.AreEqual(new[] { "/^webkit/" }, request.Scuttle!.Exceptions.ToArray());
    }

    [TestMethod]
    public void Scuttle_without_exceptions_has_an_empty_list()
    {
        using var dir = ToolRunner.Files(("main.js", ""));

        var request = MapOk(dir.Path, "main.js", "-o", "out.js", "--scuttle").Request;

        Assert.IsEmpty(request.Scuttle!.Exceptions);
    }

    [TestMethod]
    [DataRow("--autopolicy", "--check-policy")]
    [DataRow("-a", "--checkPolicy")]
    [DataRow("--dp", "--check-policy")]
    public void Autopolicy_with_check_policy_is_a_usage_error(string auto, string check)
    {
        using var dir = ToolRunner.Files(("main.js", ""));

        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "out.js", auto, check), "--autopolicy and --check-policy cannot be used together");
    }

    [TestMethod]
    [DataRow("", "not an empty value")]
    [DataRow("  ", "not an empty value")]
    [DataRow("/", "no closing '/'")]
    [DataRow("/abc", "no closing '/'")]
    [DataRow("//i", "pattern is empty")]
    [DataRow("/a(/", "not a valid regular expression")]
    [DataRow("/[a-/", "not a valid regular expression")]
    [DataRow("/a/x", "'x' is not a regular expression flag")]
    [DataRow("/a/gg", "repeat a flag")]
    [DataRow("/a/uv", "combine u and v")]
    [DataRow("my global", "no spaces")]
    public void Malformed_scuttle_exceptions_are_usage_errors(string value, string expected)
    {
        using var dir = ToolRunner.Files(("main.js", ""));

        var error = UsageError(dir.Path, "main.js", "-o", "out.js", "--scuttle", "--scuttle-except", value);

        StringAssert.Contains(error, "--scuttle-except");
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    [DataRow("chrome")]
    [DataRow("/^on/")]
    [DataRow("/^(webkit|moz)[A-Z]/dgimsuy")]
    [DataRow("/a\\/b/")]
    public void Well_formed_scuttle_exceptions_pass(string value)
    {
        Assert.IsNull(BundleCommand.CheckScuttleException(value));
    }

    [TestMethod]
    public void No_entry_and_no_output_are_usage_errors_saying_what_to_add()
    {
        using var dir = ToolRunner.Files(("main.js", ""));

        StringAssert.Contains(UsageError(dir.Path, "-o", "out.js"), "no entry file given");
        StringAssert.Contains(UsageError(dir.Path, "main.js"), "no output file given: add -o");
    }

    [TestMethod]
    public void Output_that_is_a_folder_or_an_entry_is_a_usage_error()
    {
        using var dir = ToolRunner.Files(("main.js", ""), ("dist/keep.txt", ""));

        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "dist"), "is a folder");
        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "build/"), "is a folder");
        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "./main.js"), "is also an entry");
    }

    [TestMethod]
    public void A_missing_project_root_or_a_path_as_policy_name_is_a_usage_error()
    {
        using var dir = ToolRunner.Files(("main.js", ""));

        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "out.js", "--project-root", "nope"), "--project-root 'nope' is not a folder");
        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "out.js", "--policy-name", "a/b"), "must be a plain folder name");
        StringAssert.Contains(UsageError(dir.Path, "main.js", "-o", "out.js", "--policy-name", ".."), "must be a plain folder name");
    }

    [TestMethod]
    public void Unknown_values_and_options_are_parse_errors_that_name_the_option()
    {
        CollectionAssert.Contains(ParseErrors("a.js", "-o", "b.js", "--runtime", "external"), "--runtime 'external' is not one of inline, separate.");
        CollectionAssert.Contains(ParseErrors("a.js", "-o", "b.js", "--sourcemap", "hidden"), "--sourcemap 'hidden' is not one of external, inline, none.");
        CollectionAssert.Contains(ParseErrors("a.js", "-o", "b.js", "--format", "xml"), "--format 'xml' is not one of text, json, msbuild.");
        CollectionAssert.Contains(ParseErrors("a.js", "-o", "b.js", "--no-such-option"), "unknown option '--no-such-option' (an entry file whose name starts with '-' is passed as ./--no-such-option).");
        Assert.IsNotEmpty(ParseErrors("--minify", "a.js", "-o", "b.js"));
        Assert.IsNotEmpty(ParseErrors("a.js", "-o"), "-o needs a value");
    }

    [TestMethod]
    public void Inspect_stays_a_subcommand_and_an_entry_named_inspect_is_reached_through_a_path()
    {
        var cli = new BundleCommand();

        Assert.AreEqual("inspect", cli.Parse(["inspect", "a.js"]).CommandResult.Command.Name);
        var entry = cli.Parse(["./inspect", "-o", "out.js"]);
        Assert.IsEmpty(entry.Errors);
        Assert.AreSame(cli.Root, entry.CommandResult.Command);
    }
}
