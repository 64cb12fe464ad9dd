using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

[TestClass]
public sealed class ExportsTests
{
    [TestMethod]
    [DataRow("exports-cond", ImportKind.Import, "esm.mjs")]
    [DataRow("exports-cond", ImportKind.Require, "cjs.cjs")]
    [DataRow("exports-cond/feature", ImportKind.Import, "feature.mjs")]
    [DataRow("exports-cond/feature", ImportKind.Require, "feature.cjs")]
    [DataRow("exports-cond/only-default", ImportKind.Import, "default.js")]
    [DataRow("exports-cond/nested", ImportKind.Import, "nested-browser.mjs")]
    [DataRow("exports-cond/nested", ImportKind.Require, "nested-browser.cjs")]
    [DataRow("exports-cond/package.json", ImportKind.Import, "package.json")]
    [DataRow("exports-cond/fallback", ImportKind.Import, "fb.js")]
    [DataRow("exports-cond/fallback-invalid", ImportKind.Import, "fb.js")]
    [DataRow("exports-cond/fallback-null", ImportKind.Import, "fb.js")]
    [DataRow("exports-cond/encoded", ImportKind.Import, "a b.js")]
    public void Conditions_pick_the_target(string specifier, ImportKind kind, string expected)
    {
        var module = Basic.Ok(specifier, kind: kind);
        Assert.AreEqual("node_modules/exports-cond/" + expected, ProjectPath.ToRelative(Basic.Root, module.Path!), module.Detail);
        Assert.AreEqual(ResolutionRule.Exports, module.Rule);
    }

    [TestMethod]
    public void The_package_order_of_conditions_decides_not_ours()
    {
        // {".": {"import", "browser", "default"}}: an import takes "import" because the package lists it first.
        Assert.AreEqual("node_modules/exports-browser/esm.js", Basic.File("exports-browser", kind: ImportKind.Import));
        Assert.AreEqual("node_modules/exports-browser/browser.js", Basic.File("exports-browser", kind: ImportKind.Require));
        Assert.AreEqual("node_modules/exports-browser/browser.js", Basic.File("exports-browser/b", kind: ImportKind.Import));
    }

    [TestMethod]
    public void The_detail_names_the_key_and_conditions()
    {
        var module = Basic.Ok("exports-cond/nested", kind: ImportKind.Require);
        Assert.AreEqual("exports[\"./nested\"] → browser → default → \"./nested-browser.cjs\"", module.Detail);
    }

    [TestMethod]
    public void Exports_sugar_forms()
    {
        Assert.AreEqual("node_modules/exports-sugar/index.js", Basic.File("exports-sugar"));
        Basic.Fails("exports-sugar/other", ResolutionCodes.PackagePathNotExported);
        Assert.AreEqual("node_modules/exports-conditions-only/c.js", Basic.File("exports-conditions-only", kind: ImportKind.Require));
        Assert.AreEqual("node_modules/exports-conditions-only/d.js", Basic.File("exports-conditions-only", kind: ImportKind.Import));
    }

    [TestMethod]
    public void Exports_hide_everything_else_and_win_over_main()
    {
        var error = Basic.Fails("exports-cond/not-exported.js", ResolutionCodes.PackagePathNotExported);
        Assert.AreEqual("cannot resolve 'exports-cond/not-exported.js': package 'exports-cond' does not export './not-exported.js' for conditions browser, import, default", error.Message);
        CollectionAssert.Contains(error.Searched.ToArray(), "node_modules/exports-cond/package.json exports (conditions: browser, import, default)");
        Basic.Fails("exports-cond/not-exported", ResolutionCodes.PackagePathNotExported);
        Basic.Fails("exports-cond/ignored-main.js", ResolutionCodes.PackagePathNotExported);
    }

    [TestMethod]
    public void Unmatched_conditions_null_and_empty_arrays_are_not_exported()
    {
        Basic.Fails("exports-cond/node-only", ResolutionCodes.PackagePathNotExported);
        Basic.Fails("exports-cond/empty-array", ResolutionCodes.PackagePathNotExported);
        var error = Basic.Fails("exports-patterns/private/p", ResolutionCodes.PackagePathNotExported);
        StringAssert.Contains(error.Message, "exports[\"./private/*\"] is null");
    }

    [TestMethod]
    public void Targets_must_exist_exactly_and_be_files()
    {
        var missing = Basic.Fails("exports-cond/missing", ResolutionCodes.ModuleNotFound);
        StringAssert.Contains(missing.Message, "node_modules/exports-cond/nope.js");
        CollectionAssert.Contains(missing.Searched.ToArray(), "node_modules/exports-cond/nope.js");
        var directory = Basic.Fails("exports-cond/dir", ResolutionCodes.ModuleNotFound);
        StringAssert.Contains(directory.Message, "directory");
        Basic.Fails("exports-cond/encoded-sep", ResolutionCodes.InvalidModuleSpecifier);
    }

    [TestMethod]
    public void Mixing_subpaths_and_conditions_is_invalid()
    {
        Basic.Fails("exports-mixed", ResolutionCodes.InvalidPackageConfiguration);
    }

    [TestMethod]
    [DataRow("exports-patterns/one", "lib/one.js")]
    [DataRow("exports-patterns/a/two", "special/two.js")]
    [DataRow("exports-patterns/a/b/three", "deeper/three.js")]
    [DataRow("exports-patterns/x/y.js", "xjs/y.js")]
    [DataRow("exports-patterns/x/y.css", "xany/y.css")]
    [DataRow("exports-patterns/multi/q", "m/q/q.js")]
    [DataRow("exports-patterns/cond/k", "cb/k.js")]
    [DataRow("exports-patterns/deep/er", "lib/deep/er.js")]
    public void Patterns_match_by_the_spec_key_order(string specifier, string expected)
    {
        Assert.AreEqual("node_modules/exports-patterns/" + expected, Basic.File(specifier));
    }

    [TestMethod]
    [DataRow("exports-errors/dotdot")]
    [DataRow("exports-errors/nm")]
    [DataRow("exports-errors/nm-case")]
    [DataRow("exports-errors/dot-enc")]
    [DataRow("exports-errors/abs")]
    [DataRow("exports-errors/bare")]
    [DataRow("exports-errors/url")]
    [DataRow("exports-errors/num")]
    [DataRow("exports-errors/bool")]
    [DataRow("exports-patterns/bad/x")]
    public void Invalid_targets_are_errors(string specifier)
    {
        var error = Basic.Fails(specifier, ResolutionCodes.InvalidPackageTarget);
        StringAssert.Contains(error.Message, "node_modules/");
    }

    [TestMethod]
    public void Numeric_condition_keys_are_invalid_configuration()
    {
        Basic.Fails("exports-errors/index-keys", ResolutionCodes.InvalidPackageConfiguration);
    }

    [TestMethod]
    [DataRow("exports-patterns/lib/../one")]
    [DataRow("exports-errors/pat/../a")]
    [DataRow("exports-errors/pat/node_modules/x")]
    public void Pattern_matches_cannot_climb_out(string specifier)
    {
        Basic.Fails(specifier, ResolutionCodes.InvalidModuleSpecifier);
    }

    [TestMethod]
    public void A_package_imports_itself_through_its_exports()
    {
        var module = Basic.Ok("exports-self/util", "node_modules/exports-self/index.js");
        Assert.AreEqual("node_modules/exports-self/util.js", ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(ResolutionRule.Exports, module.Rule);
        Basic.Fails("exports-self/index.js", ResolutionCodes.PackagePathNotExported, "node_modules/exports-self/index.js");
    }

    [TestMethod]
    public void Extra_conditions_are_honoured()
    {
        var resolver = new ModuleResolver(new ResolverOptions(Basic.Root) { ExtraConditions = ["worker"] });
        Assert.AreEqual(Path.Combine(Basic.Root, "node_modules", "exports-cond", "w.js"), Basic.Ok("exports-cond/fallback", resolver: resolver).Path);
        Assert.AreEqual(Path.Combine(Basic.Root, "node_modules", "exports-cond", "fb.js"), Basic.Ok("exports-cond/fallback").Path);
    }

    [TestMethod]
    public void Pattern_keys_sort_like_node()
    {
        // Only keys with a '*' are sorted (exact keys are looked up first); equal keys keep the package's order.
        string[] keys = ["./*", "./a/*", "./a/b/*", "./x/*", "./x/*.js"];
        var sorted = keys.Order(Comparer<string>.Create(PackageExports.ComparePatternKeys)).ToArray();
        string[] expected = ["./a/b/*", "./x/*.js", "./a/*", "./x/*", "./*"];
        CollectionAssert.AreEqual(expected, sorted);
        Assert.AreEqual(-1, PackageExports.ComparePatternKeys("./a/b*", "./a/b"));
        Assert.AreEqual(1, PackageExports.ComparePatternKeys("./a/b", "./a/b*"));
    }
}
