using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Graph;

/// <summary>Link layouts are built at run time (links are not committed); <see cref="AaOracleTests"/> reuses them.</summary>
[TestClass]
public sealed class PackageNamesSymlinkTests
{
    /// <summary>A workspace package linked into node_modules, an unreached workspace, and a link to outside the root.</summary>
    internal static void BuildWorkspace(TempProject project)
    {
        project.Write("app/package.json", """{ "name": "app", "dependencies": { "ws-lib": "*", "linked-out": "*" } }""");
        project.Write("app/src/index.js", "");
        project.Package("app/packages/ws-lib", """{ "name": "ws-lib", "dependencies": { "left-pad": "1" } }""");
        project.Package("app/packages/unreached-ws", """{ "name": "unreached-ws" }""");
        project.Link("app/node_modules/ws-lib", "../packages/ws-lib");
        project.Package("app/node_modules/left-pad", """{ "name": "left-pad" }""");
        project.Package("outside-pkg", """{ "name": "linked-out" }""");
        project.Link("app/node_modules/linked-out", "../../outside-pkg");
        project.Write("other/x.js", "");
    }

    internal static readonly (string File, string Name)[] WorkspaceFiles =
    [
        ("src/index.js", "$root$"),
        ("packages/ws-lib/index.js", "ws-lib"),
        ("node_modules/ws-lib/index.js", "ws-lib"),
        ("packages/unreached-ws/index.js", "$root$"),
        ("node_modules/left-pad/index.js", "ws-lib>left-pad"),
        ("../outside-pkg/index.js", "linked-out"),
        ("../other/x.js", "external:../other/x.js"),
    ];

    [TestMethod]
    public void Linked_packages_are_named_by_dependency_at_their_real_path()
    {
        using var project = new TempProject("workspace");
        BuildWorkspace(project);
        var root = project.At("app");
        var names = PackageNames.Load(root);
        foreach (var (file, name) in WorkspaceFiles)
        {
            Assert.AreEqual(name, names.GetName(Path.GetFullPath(Path.Combine(root, file))), file);
        }

        // The walk's own record keeps the folder as reached; the real path is an alias.
        var wsLib = names.Packages.Single(p => p.Name == "ws-lib");
        Assert.AreEqual("node_modules/ws-lib", wsLib.RelativeDirectory);
        Assert.AreSame(wsLib, names.FindByDirectory(project.At("app/packages/ws-lib")));
    }

    [TestMethod]
    public void Resolver_results_and_names_agree_for_linked_packages()
    {
        using var project = new TempProject("agree");
        BuildWorkspace(project);
        var root = project.At("app");
        var fs = new ResolverFileSystem();
        var resolver = new ModuleResolver(new ResolverOptions(root), fs);
        var names = PackageNames.Load(root, fs);
        var library = resolver.Resolve(new ResolveRequest("ws-lib", project.At("app/src/index.js"), ImportKind.Import)).Module!;
        Assert.AreEqual("ws-lib", names.GetName(library.Path!));
        var pad = resolver.Resolve(new ResolveRequest("left-pad", library.Path!, ImportKind.Require)).Module!;
        Assert.AreEqual("ws-lib>left-pad", names.GetName(pad.Path!));
    }

    [TestMethod]
    public void Pnpm_layouts_get_names_through_real_paths()
    {
        using var project = new TempProject("pnpm");
        project.Write("app/package.json", """{ "name": "app", "dependencies": { "foo": "1" } }""");
        project.Package("app/node_modules/.pnpm/foo@1.0.0/node_modules/foo", """{ "name": "foo", "dependencies": { "bar": "1" } }""");
        project.Package("app/node_modules/.pnpm/bar@1.0.0/node_modules/bar", """{ "name": "bar" }""");
        project.Link("app/node_modules/.pnpm/foo@1.0.0/node_modules/bar", "../../bar@1.0.0/node_modules/bar");
        project.Link("app/node_modules/foo", ".pnpm/foo@1.0.0/node_modules/foo");

        var root = project.At("app");
        var fs = new ResolverFileSystem();
        var names = PackageNames.Load(root, fs);
        var resolver = new ModuleResolver(new ResolverOptions(root), fs);
        var foo = resolver.Resolve(new ResolveRequest("foo", project.At("app/index.js"), ImportKind.Require)).Module!;
        Assert.AreEqual(project.At("app/node_modules/.pnpm/foo@1.0.0/node_modules/foo/index.js"), foo.Path);
        Assert.AreEqual("foo", names.GetName(foo.Path!));
        var bar = resolver.Resolve(new ResolveRequest("bar", foo.Path!, ImportKind.Require)).Module!;
        Assert.AreEqual(project.At("app/node_modules/.pnpm/bar@1.0.0/node_modules/bar/index.js"), bar.Path);
        Assert.AreEqual("foo>bar", names.GetName(bar.Path!));
    }

    [TestMethod]
    public void A_project_root_reached_through_a_link_is_root_at_both_paths()
    {
        using var project = new TempProject("rootlink");
        project.Write("real-app/package.json", """{ "name": "app", "dependencies": { "x": "1" } }""");
        project.Package("real-app/node_modules/x", """{ "name": "x" }""");
        project.Link("link-app", "real-app");
        var names = PackageNames.Load(project.At("link-app"));
        Assert.AreEqual("$root$", names.GetName(project.At("real-app/src/a.js")));
        Assert.AreEqual("$root$", names.GetName(project.At("link-app/src/a.js")));
        Assert.AreEqual("x", names.GetName(project.At("real-app/node_modules/x/index.js")));
        Assert.AreEqual("x", names.GetName(project.At("link-app/node_modules/x/index.js")));
    }
}
