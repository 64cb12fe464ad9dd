using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

[TestClass]
public sealed class PackageResolutionTests
{
    [TestMethod]
    [DataRow("main-only", "node_modules/main-only/lib/main.js", ResolutionRule.Main)]
    [DataRow("main-only/sub/file", "node_modules/main-only/sub/file.js", ResolutionRule.PackageSubpath)]
    [DataRow("main-only/sub/dir", "node_modules/main-only/sub/dir/index.js", ResolutionRule.PackageSubpath)]
    [DataRow("main-only/index", "node_modules/main-only/index.js", ResolutionRule.PackageSubpath)]
    [DataRow("no-main", "node_modules/no-main/index.js", ResolutionRule.PackageIndex)]
    [DataRow("broken-main", "node_modules/broken-main/index.js", ResolutionRule.PackageIndex)]
    [DataRow("ext-probe", "node_modules/ext-probe/lib/entry.js", ResolutionRule.Main)]
    [DataRow("@scope/pkg", "node_modules/@scope/pkg/main.js", ResolutionRule.Main)]
    [DataRow("@scope/pkg/extra", "node_modules/@scope/pkg/extra.js", ResolutionRule.PackageSubpath)]
    [DataRow("browser-string", "node_modules/browser-string/browser.js", ResolutionRule.BrowserMain)]
    public void Bare_specifiers_without_exports(string specifier, string expected, ResolutionRule rule)
    {
        foreach (var kind in new[] { ImportKind.Import, ImportKind.Require })
        {
            var module = Basic.Ok(specifier, kind: kind);
            Assert.AreEqual(expected, ProjectPath.ToRelative(Basic.Root, module.Path!), $"{kind}: {module.Detail}");
            Assert.AreEqual(rule, module.Rule, module.Detail);
        }
    }

    [TestMethod]
    public void Module_field_serves_imports_and_main_serves_requires()
    {
        var imported = Basic.Ok("module-main", kind: ImportKind.Import);
        Assert.AreEqual("node_modules/module-main/esm/index.js", ProjectPath.ToRelative(Basic.Root, imported.Path!));
        Assert.AreEqual(ResolutionRule.ModuleMain, imported.Rule);

        var required = Basic.Ok("module-main", kind: ImportKind.Require);
        Assert.AreEqual("node_modules/module-main/cjs/index.js", ProjectPath.ToRelative(Basic.Root, required.Path!));
        Assert.AreEqual(ResolutionRule.Main, required.Rule);
    }

    [TestMethod]
    public void The_package_scope_is_the_package_folder()
    {
        var module = Basic.Ok("@scope/pkg/extra");
        Assert.AreEqual(Path.Combine(Basic.Root, "node_modules", "@scope", "pkg"), module.PackageScope);
        Assert.AreEqual(module.PackageScope, module.PackageRoot);
    }

    [TestMethod]
    public void Node_modules_are_searched_from_the_importer_upwards()
    {
        const string from = "node_modules/outer/index.js";
        Assert.AreEqual("node_modules/outer/node_modules/inner/index.js", Basic.File("inner", from));
        Assert.AreEqual("node_modules/main-only/lib/main.js", Basic.File("main-only", from));
    }

    [TestMethod]
    public void A_missing_package_lists_every_node_modules_folder_tried()
    {
        var error = Basic.Fails("nonexistent", ResolutionCodes.ModuleNotFound, from: "src/lib/index.js");
        Assert.AreEqual("src/lib/node_modules/nonexistent", error.Searched[0]);
        Assert.AreEqual("src/node_modules/nonexistent", error.Searched[1]);
        Assert.AreEqual("node_modules/nonexistent", error.Searched[2]);
        Assert.IsTrue(error.Searched.Skip(3).All(p => p.StartsWith("../", StringComparison.Ordinal)), string.Join(", ", error.Searched));
    }

    [TestMethod]
    public void The_node_modules_folder_itself_is_not_searched_for_node_modules()
    {
        var error = Basic.Fails("nonexistent", ResolutionCodes.ModuleNotFound, from: "node_modules/outer/index.js");
        Assert.AreEqual("node_modules/outer/node_modules/nonexistent", error.Searched[0]);
        Assert.AreEqual("node_modules/nonexistent", error.Searched[1]);
    }

    [TestMethod]
    public void An_invalid_package_json_is_a_located_error()
    {
        var error = Basic.Fails("invalid-json", ResolutionCodes.InvalidPackageConfiguration);
        StringAssert.Contains(error.Message, "node_modules/invalid-json/package.json: invalid JSON");
    }

    [TestMethod]
    public void A_package_does_not_import_itself_by_name_without_exports()
    {
        Basic.Fails("basic-app", ResolutionCodes.ModuleNotFound);
    }

    [TestMethod]
    public void Results_are_real_paths_and_records()
    {
        var first = Basic.Ok("main-only");
        var second = Basic.Ok("main-only");
        Assert.AreEqual(first, second);
        Assert.IsTrue(Path.IsPathFullyQualified(first.Path!));
    }
}
