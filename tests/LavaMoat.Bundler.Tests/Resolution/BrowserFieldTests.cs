using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

[TestClass]
public sealed class BrowserFieldTests
{
    private const string Consumer = "node_modules/browser-object/consumer.js";

    [TestMethod]
    public void The_string_form_replaces_main_and_module()
    {
        var module = Basic.Ok("browser-string", kind: ImportKind.Import);
        Assert.AreEqual("node_modules/browser-string/browser.js", ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(ResolutionRule.BrowserMain, module.Rule);
    }

    [TestMethod]
    public void The_object_form_replaces_the_main_file()
    {
        var module = Basic.Ok("browser-object");
        Assert.AreEqual("node_modules/browser-object/browser-index.js", ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(ResolutionRule.BrowserMap, module.Rule);
        StringAssert.Contains(module.Detail, "browser[\"./index.js\"]");
    }

    [TestMethod]
    [DataRow("./lib/node", "node_modules/browser-object/lib/browser.js")]
    [DataRow("./lib/node.js", "node_modules/browser-object/lib/browser.js")]
    [DataRow("ws", "node_modules/browser-object/shims/ws.js")]
    [DataRow("http", "node_modules/main-only/lib/main.js")]
    [DataRow("./lib/to-pkg.js", "node_modules/main-only/lib/main.js")]
    public void The_object_form_maps_files_and_packages(string specifier, string expected)
    {
        var module = Basic.Ok(specifier, Consumer);
        Assert.AreEqual(expected, ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(ResolutionRule.BrowserMap, module.Rule, module.Detail);
    }

    [TestMethod]
    [DataRow("fs")]
    [DataRow("./lib/server-only.js")]
    [DataRow("./lib/server-only")]
    [DataRow("./lib/gone.js")]
    public void False_gives_an_empty_module_without_warnings(string specifier)
    {
        var result = Basic.Resolve(specifier, Consumer);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(ResolvedModuleKind.Empty, result.Module!.Kind);
        Assert.AreEqual(ResolutionRule.BrowserFalse, result.Module.Rule);
        Assert.IsNull(result.Module.Path);
        Assert.IsEmpty(result.Diagnostics);
    }

    [TestMethod]
    public void Only_false_and_strings_are_replacements()
    {
        Basic.Fails("ignored", ResolutionCodes.ModuleNotFound, from: Consumer);
    }

    [TestMethod]
    public void The_map_of_one_package_does_not_apply_to_another()
    {
        // src/ belongs to the root package, which has no browser field: 'ws' is just a missing package there.
        Basic.Fails("ws", ResolutionCodes.ModuleNotFound);
    }

    [TestMethod]
    public void A_package_file_reached_from_outside_is_still_replaced_by_its_package_map()
    {
        Assert.AreEqual("node_modules/browser-object/lib/browser.js", Basic.File("browser-object/lib/node.js"));
        Assert.AreEqual(ResolvedModuleKind.Empty, Basic.Ok("browser-object/lib/server-only").Kind);
    }

    [TestMethod]
    public void The_object_form_also_replaces_files_reached_through_exports()
    {
        var module = Basic.Ok("exports-browser-map");
        Assert.AreEqual("node_modules/exports-browser-map/browser.js", ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(ResolutionRule.BrowserMap, module.Rule);
        StringAssert.StartsWith(module.Detail, "exports[\".\"]");
        Assert.AreEqual(ResolvedModuleKind.Empty, Basic.Ok("exports-browser-map/other").Kind);
    }
}
