using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

[TestClass]
public sealed class RelativeResolutionTests
{
    [TestMethod]
    [DataRow("./util", "src/util.js", ResolutionRule.RelativeFile)]
    [DataRow("./util.js", "src/util.js", ResolutionRule.RelativeFile)]
    [DataRow("./data", "src/data.json", ResolutionRule.RelativeFile)]
    [DataRow("./data.json", "src/data.json", ResolutionRule.RelativeFile)]
    [DataRow("./only", "src/only.mjs", ResolutionRule.RelativeFile)]
    [DataRow("./only.cjs", "src/only.cjs", ResolutionRule.RelativeFile)]
    [DataRow("./both", "src/both.js", ResolutionRule.RelativeFile)]
    [DataRow("./exact.js", "src/exact.js", ResolutionRule.RelativeFile)]
    [DataRow("./lib", "src/lib/index.js", ResolutionRule.DirectoryIndex)]
    [DataRow("./lib/", "src/lib/index.js", ResolutionRule.DirectoryIndex)]
    [DataRow("./dir-with-pkg", "src/dir-with-pkg/entry.js", ResolutionRule.Main)]
    [DataRow("./trailing", "src/trailing.js", ResolutionRule.RelativeFile)]
    [DataRow("./trailing/", "src/trailing/index.js", ResolutionRule.DirectoryIndex)]
    [DataRow("../package.json", "package.json", ResolutionRule.RelativeFile)]
    [DataRow("./lib/../util", "src/util.js", ResolutionRule.RelativeFile)]
    public void Relative_specifiers_probe_files_then_directories(string specifier, string expected, ResolutionRule rule)
    {
        var module = Basic.Ok(specifier);
        Assert.AreEqual(expected, ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(rule, module.Rule, module.Detail);
    }

    [TestMethod]
    public void Dot_means_the_directory_of_the_importer()
    {
        Assert.AreEqual("src/dir-with-pkg/entry.js", Basic.File(".", "src/dir-with-pkg/index.js"));
        Assert.AreEqual("src/lib/index.js", Basic.File("..", "src/lib/deeper/x.js"));
    }

    [TestMethod]
    public void Absolute_paths_resolve_like_relative_ones()
    {
        Assert.AreEqual("src/util.js", Basic.File(Path.Combine(Basic.Root, "src", "util")));
    }

    [TestMethod]
    public void A_nested_package_json_makes_its_own_package_scope()
    {
        var module = Basic.Ok("./dir-with-pkg/entry.js");
        Assert.AreEqual(Path.Combine(Basic.Root, "src", "dir-with-pkg"), module.PackageScope);

        // That package.json has no name, so the file still ships in the root package.
        Assert.AreEqual(Basic.Root, module.PackageRoot);
        Assert.AreEqual(Basic.Root, Basic.Ok("./util").PackageRoot);
    }

    [TestMethod]
    public void File_names_are_matched_case_sensitively_on_every_platform()
    {
        Basic.Fails("./case", ResolutionCodes.ModuleNotFound);
        Assert.AreEqual("src/Case.js", Basic.File("./Case"));
    }

    [TestMethod]
    public void A_missing_relative_file_lists_every_candidate_in_order()
    {
        var error = Basic.Fails("./nope", ResolutionCodes.ModuleNotFound);
        string[] expected = ["src/nope", "src/nope.js", "src/nope.mjs", "src/nope.cjs", "src/nope.json"];
        CollectionAssert.AreEqual(expected, error.Searched.ToArray());
        Assert.AreEqual("cannot resolve './nope' from 'src/main.js'", error.Message);
        StringAssert.StartsWith(error.ToString(), "src/main.js(3,7): error LMB2001: cannot resolve './nope' from 'src/main.js'");
        StringAssert.Contains(error.ToString(), "src/nope.json");
    }

    [TestMethod]
    public void Invalid_specifiers_are_reported_not_thrown()
    {
        Basic.Fails("", ResolutionCodes.InvalidModuleSpecifier);
        Basic.Fails("@scope", ResolutionCodes.InvalidModuleSpecifier);
        Basic.Fails("@scope/", ResolutionCodes.InvalidModuleSpecifier);
        Basic.Fails("bad%name", ResolutionCodes.InvalidModuleSpecifier);
    }

    [TestMethod]
    public void Entry_points_resolve_from_the_project_root()
    {
        var module = Basic.Resolver.ResolveEntry("src/main").Module;
        Assert.IsNotNull(module);
        Assert.AreEqual(Path.Combine(Basic.Root, "src", "main.js"), module.Path);
        Assert.AreEqual(ResolutionRule.Entry, module.Rule);
        Assert.AreEqual(Path.Combine(Basic.Root, "src", "lib", "index.js"), Basic.Resolver.ResolveEntry(Path.Combine(Basic.Root, "src", "lib")).Module?.Path);

        var missing = Basic.Resolver.ResolveEntry("src/missing.js");
        Assert.IsFalse(missing.Succeeded);
        var error = missing.Diagnostics.Single();
        Assert.AreEqual(ResolutionCodes.ModuleNotFound, error.Code);
        Assert.IsNull(error.File);
        Assert.AreEqual("cannot find the entry point 'src/missing.js'", error.Message);
        CollectionAssert.Contains(error.Searched.ToArray(), "src/missing.js.js");
    }

    [TestMethod]
    public void Project_paths_use_forward_slashes_relative_to_the_root()
    {
        var root = Basic.Root;
        Assert.AreEqual("src/lib/index.js", ProjectPath.ToRelative(root, Path.Combine(root, "src", "lib", "index.js")));
        Assert.AreEqual(".", ProjectPath.ToRelative(root, root));
        Assert.AreEqual("../naming/package.json", ProjectPath.ToRelative(root, Path.Combine(root, "..", "naming", "package.json")));
        Assert.IsTrue(ProjectPath.IsUnder(root, Path.Combine(root, "src")));
        Assert.IsFalse(ProjectPath.IsUnder(root, root + "-sibling"));
    }
}
