using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Graph;

[TestClass]
public sealed class PackageNamesTests
{
    private static readonly string Root = ResolutionFixtures.Project("naming");

    // Derived by hand from aa's rule; AaOracleTests checks the same fixture against the real @lavamoat/aa.
    internal static readonly Dictionary<string, string> ExpectedNames = new(StringComparer.Ordinal)
    {
        ["."] = "$root$",
        ["node_modules/aa"] = "aa",
        ["node_modules/b"] = "b",
        ["node_modules/zz"] = "zz",
        ["node_modules/@s/x"] = "@s/x",
        ["node_modules/dup"] = "dup",
        ["node_modules/cyc-a"] = "cyc-a",
        ["node_modules/long-name"] = "long-name",
        ["node_modules/devtool"] = "devtool",
        // aa>shared and b>shared have two segments each; "b" is the shorter first segment.
        ["node_modules/shared"] = "b>shared",
        // aa>tie and zz>tie: same lengths, ordinal order.
        ["node_modules/tie"] = "aa>tie",
        ["node_modules/peer-only"] = "aa>peer-only",
        // The deeper duplicate is named by the package that installs it.
        ["node_modules/b/node_modules/dup"] = "b>dup",
        ["node_modules/@s/y"] = "@s/x>@s/y",
        ["node_modules/devdep-child"] = "devtool>devdep-child",
        ["node_modules/cyc-b"] = "cyc-a>cyc-b",
        // Two segments through long-name beat three through b>shared, whatever the names.
        ["node_modules/deep"] = "long-name>deep",
    };

    private static PackageNames Load(bool includeDev = true) => PackageNames.Load(Root, includeDevDependencies: includeDev);

    [TestMethod]
    public void Every_reachable_package_gets_its_best_logical_path()
    {
        var names = Load();
        var actual = names.Packages.ToDictionary(p => p.RelativeDirectory, p => p.Name, StringComparer.Ordinal);
        CollectionAssert.AreEquivalent(ExpectedNames.ToList(), actual.ToList(),
            string.Join("\n", actual.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} = {e.Value}")));
        Assert.IsEmpty(names.Diagnostics);
    }

    [TestMethod]
    [DataRow("src/app.js", "$root$")]
    [DataRow("index.js", "$root$")]
    [DataRow("packages/unreached/lib/x.js", "$root$")]
    [DataRow("node_modules/shared/lib/util.js", "b>shared")]
    [DataRow("node_modules/b/node_modules/dup/index.js", "b>dup")]
    [DataRow("node_modules/dup/index.js", "dup")]
    [DataRow("node_modules/@s/y/index.js", "@s/x>@s/y")]
    public void Files_belong_to_the_nearest_named_folder(string file, string expected)
    {
        Assert.AreEqual(expected, Load().GetName(Path.Combine(Root, file)));
    }

    [TestMethod]
    public void Files_outside_the_project_are_external_with_their_relative_path()
    {
        var file = Path.Combine(Root, "..", "basic", "src", "main.js");
        var package = Load().GetPackage(file);
        Assert.AreEqual("external:../basic/src/main.js", package.Name);
        Assert.AreEqual(PackageKind.External, package.Kind);
    }

    [TestMethod]
    [DataRow("node_modules/undeclared/index.js", "node_modules/undeclared")]
    [DataRow("node_modules/@s/undeclared/index.js", "node_modules/@s/undeclared")]
    [DataRow("node_modules/b-dev-only/index.js", "node_modules/b-dev-only")]
    [DataRow("node_modules/missing-optional/index.js", "node_modules/missing-optional")]
    public void Files_of_undeclared_packages_are_errors(string file, string folder)
    {
        var names = Load();
        Assert.IsFalse(names.TryGetPackage(Path.Combine(Root, file), out var package, out var error));
        Assert.IsNull(package);
        Assert.AreEqual(ResolutionCodes.UnknownPackageDirectory, error.Code);
        Assert.AreEqual(ResolutionSeverity.Error, error.Severity);
        Assert.AreEqual(file, error.File);
        StringAssert.Contains(error.Message, $"package folder '{folder}'");
        var thrown = Assert.ThrowsExactly<InvalidOperationException>(() => names.GetName(Path.Combine(Root, file)));
        StringAssert.Contains(thrown.Message, "LMB2101");
    }

    [TestMethod]
    public void Dev_dependencies_count_only_when_asked_and_only_for_the_root()
    {
        var names = Load(includeDev: false);
        Assert.IsNull(names.FindByDirectory(Path.Combine(Root, "node_modules", "devtool")));
        Assert.IsNull(names.FindByDirectory(Path.Combine(Root, "node_modules", "devdep-child")));
        Assert.IsFalse(names.TryGetPackage(Path.Combine(Root, "node_modules", "devtool", "index.js"), out _, out _));
        Assert.AreEqual("b>shared", names.GetName(Path.Combine(Root, "node_modules", "shared", "index.js")));
    }

    [TestMethod]
    public void Package_info_carries_version_and_declared_dependencies()
    {
        var names = Load();
        var root = names.GetPackage(Path.Combine(Root, "src", "app.js"));
        Assert.AreEqual(PackageKind.Root, root.Kind);
        Assert.AreEqual("naming-app", root.PackageJsonName);
        Assert.AreEqual(".", root.RelativeDirectory);
        string[] rootDependencies = ["@s/x", "aa", "b", "cyc-a", "devtool", "dup", "long-name", "missing-optional", "zz"];
        CollectionAssert.AreEqual(rootDependencies, root.DeclaredDependencies.ToArray());

        var nested = names.GetPackage(Path.Combine(Root, "node_modules", "b", "node_modules", "dup", "index.js"));
        Assert.AreEqual("2.0.0", nested.Version);
        Assert.AreEqual("dup", nested.PackageJsonName);
        Assert.AreEqual(PackageKind.Dependency, nested.Kind);

        var b = names.FindByDirectory(Path.Combine(Root, "node_modules", "b"));
        Assert.IsNotNull(b);
        string[] bDependencies = ["dup", "shared"];
        CollectionAssert.AreEqual(bDependencies, b.DeclaredDependencies.ToArray());

        var aa = names.FindByDirectory(Path.Combine(Root, "node_modules", "aa"));
        Assert.IsNotNull(aa);
        string[] aaDependencies = ["peer-only", "shared", "tie"];
        CollectionAssert.AreEqual(aaDependencies, aa.DeclaredDependencies.ToArray());
    }

    [TestMethod]
    public void Segment_and_path_preferences()
    {
        Assert.IsLessThan(0, PackageNames.CompareSegments("b", "aa"));
        Assert.IsLessThan(0, PackageNames.CompareSegments("aa", "ab"));
        Assert.IsLessThan(0, PackageNames.CompareSegments("B", "a"));
        Assert.IsLessThan(0, PackageNames.CompareSegments("@s/x", "abcde"));
        Assert.AreEqual(0, PackageNames.CompareSegments("same", "same"));
        Assert.IsLessThan(0, PackageNames.ComparePaths(["zzzz"], ["a", "b"]));
        Assert.IsLessThan(0, PackageNames.ComparePaths(["a", "zzzz"], ["b", "a"]));
        Assert.IsLessThan(0, PackageNames.ComparePaths(["a"], null));
        Assert.IsGreaterThan(0, PackageNames.ComparePaths(null, ["a"]));
    }

    [TestMethod]
    public void Names_do_not_depend_on_where_the_project_is()
    {
        using var first = new TempProject("copy1");
        using var second = new TempProject("copy2");
        CopyTree(Root, first.At("deeper/app"));
        CopyTree(Root, second.At("app"));
        var a = PackageNames.Load(first.At("deeper/app")).Packages.Select(p => (p.RelativeDirectory, p.Name)).ToArray();
        var b = PackageNames.Load(second.At("app")).Packages.Select(p => (p.RelativeDirectory, p.Name)).ToArray();
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreEqual(Load().Packages.Select(p => (p.RelativeDirectory, p.Name)).ToArray(), a);
    }

    [TestMethod]
    public void An_invalid_package_json_is_a_warning_and_its_dependencies_go_unnamed()
    {
        using var project = new TempProject("invalid");
        project.Write("app/package.json", """{ "dependencies": { "broken": "1" } }""");
        project.Write("app/node_modules/broken/package.json", "{ nope");
        var names = PackageNames.Load(project.At("app"));
        Assert.AreEqual("broken", names.GetName(project.At("app/node_modules/broken/index.js")));
        var warning = names.Diagnostics.Single();
        Assert.AreEqual(ResolutionCodes.InvalidPackageConfiguration, warning.Code);
        Assert.AreEqual("node_modules/broken/package.json", warning.File);
    }

    [TestMethod]
    public void A_project_without_package_json_is_all_root()
    {
        using var project = new TempProject("bare");
        project.Write("app/src/x.js", "");
        var names = PackageNames.Load(project.At("app"));
        Assert.AreEqual("$root$", names.GetName(project.At("app/src/x.js")));
        Assert.HasCount(1, names.Packages);
    }

    internal static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
