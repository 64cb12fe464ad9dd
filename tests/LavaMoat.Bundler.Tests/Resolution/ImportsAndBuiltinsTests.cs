using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

[TestClass]
public sealed class ImportsAndBuiltinsTests
{
    [TestMethod]
    [DataRow("#internal", "src/util.js")]
    [DataRow("#dep", "node_modules/main-only/lib/main.js")]
    [DataRow("#cond", "src/browser-impl.js")]
    [DataRow("#star/one", "src/star/one.js")]
    [DataRow("#builtin", "node_modules/buffer/index.js")]
    public void Imports_map_hash_specifiers(string specifier, string expected)
    {
        var module = Basic.Ok(specifier);
        Assert.AreEqual(expected, ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.AreEqual(ResolutionRule.Imports, module.Rule, module.Detail);
    }

    [TestMethod]
    public void Imports_errors()
    {
        StringAssert.Contains(Basic.Fails("#null", ResolutionCodes.PackageImportNotDefined).Message, "not defined by \"imports\"");
        Basic.Fails("#undefined-name", ResolutionCodes.PackageImportNotDefined);
        Basic.Fails("#bad", ResolutionCodes.InvalidPackageTarget);
        Basic.Fails("#missing", ResolutionCodes.ModuleNotFound);
        Basic.Fails("#", ResolutionCodes.InvalidModuleSpecifier);
        Basic.Fails("#/x", ResolutionCodes.InvalidModuleSpecifier);
    }

    [TestMethod]
    public void Imports_belong_to_the_importers_package()
    {
        var error = Basic.Fails("#internal", ResolutionCodes.PackageImportNotDefined, "node_modules/main-only/index.js");
        CollectionAssert.Contains(error.Searched.ToArray(), "node_modules/main-only/package.json (no \"imports\")");
    }

    [TestMethod]
    [DataRow("buffer", "node_modules/buffer/index.js", "buffer")]
    [DataRow("node:buffer", "node_modules/buffer/index.js", "buffer")]
    [DataRow("events", "node_modules/events/events.js", "events")]
    [DataRow("node:events", "node_modules/events/events.js", "events")]
    [DataRow("process", "node_modules/process/browser.js", "process")]
    [DataRow("path", "node_modules/path-browserify/index.js", "path")]
    public void Builtins_resolve_to_installed_polyfills(string specifier, string expected, string builtin)
    {
        var result = Basic.Resolve(specifier);
        Assert.IsEmpty(result.Diagnostics);
        Assert.AreEqual(expected, ProjectPath.ToRelative(Basic.Root, result.Module!.Path!));
        Assert.AreEqual(ResolutionRule.BuiltinPolyfill, result.Module.Rule);
        Assert.AreEqual(builtin, result.Module.BuiltinName);
    }

    [TestMethod]
    public void A_trailing_slash_asks_for_the_package_not_the_builtin()
    {
        var module = Basic.Ok("buffer/");
        Assert.AreEqual("node_modules/buffer/index.js", ProjectPath.ToRelative(Basic.Root, module.Path!));
        Assert.IsNull(module.BuiltinName);
    }

    [TestMethod]
    [DataRow("fs", "fs")]
    [DataRow("node:fs", "fs")]
    [DataRow("fs/promises", "fs/promises")]
    [DataRow("node:test", "test")]
    [DataRow("crypto", "crypto")]
    public void Missing_polyfills_become_empty_modules_with_a_warning(string specifier, string builtin)
    {
        var result = Basic.Resolve(specifier);
        Assert.IsTrue(result.Succeeded);
        Assert.AreEqual(ResolvedModuleKind.BuiltinMissing, result.Module!.Kind);
        Assert.AreEqual(builtin, result.Module.BuiltinName);
        Assert.IsNull(result.Module.Path);
        var warning = result.Diagnostics.Single();
        Assert.AreEqual(ResolutionCodes.BuiltinNotAvailable, warning.Code);
        Assert.AreEqual(ResolutionSeverity.Warning, warning.Severity);
        Assert.AreEqual("src/main.js", warning.File);
        Assert.AreEqual(3, warning.Line);
        StringAssert.StartsWith(warning.ToString(), "src/main.js(3,7): warning LMB2007:");
    }

    [TestMethod]
    public void The_alternative_polyfill_name_is_named_in_the_warning()
    {
        StringAssert.Contains(Basic.Resolve("crypto").Diagnostics.Single().Message, "'crypto' and 'crypto-browserify'");
    }

    [TestMethod]
    public void Strict_mode_makes_a_missing_polyfill_an_error()
    {
        var strict = new ModuleResolver(new ResolverOptions(Basic.Root) { StrictBuiltins = true });
        var error = Basic.Fails("node:fs", ResolutionCodes.BuiltinNotAvailable, resolver: strict);
        CollectionAssert.Contains(error.Searched.ToArray(), "node_modules/fs");
        Assert.AreEqual("node_modules/buffer/index.js", ProjectPath.ToRelative(Basic.Root, Basic.Ok("buffer", resolver: strict).Path!));
    }

    [TestMethod]
    public void Builtin_names_follow_node()
    {
        Assert.AreEqual("util/types", NodeBuiltins.GetBuiltinName("util/types"));
        Assert.AreEqual("test", NodeBuiltins.GetBuiltinName("node:test"));
        Assert.IsNull(NodeBuiltins.GetBuiltinName("test"));
        Assert.IsNull(NodeBuiltins.GetBuiltinName("events/extra"));
        Assert.IsNull(NodeBuiltins.GetBuiltinName("buffer/"));
    }

    [TestMethod]
    public void Polyfills_installed_under_browserify_are_found_and_keep_their_lavamoat_names()
    {
        using var project = new TempProject("browserify-shims");
        project.Write("app/package.json", """{ "name": "app", "devDependencies": { "browserify": "17" } }""");
        project.Write("app/node_modules/browserify/package.json", """{ "name": "browserify", "dependencies": { "buffer": "5", "events": "3" } }""");
        project.Package("app/node_modules/browserify/node_modules/buffer", """{ "name": "buffer" }""");
        project.Package("app/node_modules/events", """{ "name": "events" }""");
        var root = project.At("app");
        var fs = new ResolverFileSystem();
        var resolver = new ModuleResolver(new ResolverOptions(root), fs);
        var names = LavaMoat.Bundler.Graph.PackageNames.Load(root, fs);

        var buffer = resolver.Resolve(new ResolveRequest("buffer", project.At("app/src/index.js"), ImportKind.Require)).Module!;
        Assert.AreEqual(project.At("app/node_modules/browserify/node_modules/buffer/index.js"), buffer.Path);
        Assert.AreEqual("browserify>buffer", names.GetName(buffer.Path!));

        var events = resolver.Resolve(new ResolveRequest("node:events", project.At("app/src/index.js"), ImportKind.Import)).Module!;
        Assert.AreEqual("browserify>events", names.GetName(events.Path!));
    }
}
