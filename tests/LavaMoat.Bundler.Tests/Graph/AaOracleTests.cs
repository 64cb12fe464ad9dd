using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Tests.Resolution;

using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Graph;

/// <summary>
/// Compares our names with the real <c>@lavamoat/aa</c> (pinned in <c>Oracles/aa/package-lock.json</c>,
/// installed with <c>npm ci</c> into a temp folder on first use) on the naming fixture and the link layouts.
/// </summary>
[TestClass]
public sealed class AaOracleTests
{
    private static readonly Lazy<string> OracleDir = new(() => NpmOracle.Install("aa", "@lavamoat/aa"));

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Naming_fixture_matches_lavamoat_aa(bool includeDev)
    {
        var root = ResolutionFixtures.Project("naming");
        string[] files =
        [
            "src/app.js", "packages/unreached/lib/x.js", "node_modules/shared/lib/util.js", "node_modules/b/node_modules/dup/index.js",
            "node_modules/undeclared/index.js", "node_modules/@s/undeclared/index.js", "node_modules/b-dev-only/index.js",
            "node_modules/devtool/index.js", "node_modules/deep/index.js", "../basic/src/main.js",
        ];
        Compare(root, includeDev, files);
    }

    [TestMethod]
    public void Workspace_links_match_lavamoat_aa()
    {
        using var project = new TempProject("oracle-ws");
        PackageNamesSymlinkTests.BuildWorkspace(project);
        Compare(project.At("app"), true, [.. PackageNamesSymlinkTests.WorkspaceFiles.Select(f => f.File)]);
    }

    private static void Compare(string root, bool includeDev, string[] files)
    {
        var expected = RunOracle(root, includeDev, files);
        var names = PackageNames.Load(root, includeDevDependencies: includeDev);

        var packages = expected.GetProperty("packages");
        foreach (var entry in packages.EnumerateObject())
        {
            var ours = names.FindByDirectory(Path.GetFullPath(Path.Combine(root, entry.Name)));
            Assert.AreEqual(entry.Value.GetString(), ours?.Name, $"folder {entry.Name}");
        }

        foreach (var package in names.Packages)
        {
            Assert.IsTrue(packages.TryGetProperty(package.RelativeDirectory, out var theirs), $"aa does not name {package.RelativeDirectory}");
            Assert.AreEqual(theirs.GetString(), package.Name);
        }

        foreach (var entry in expected.GetProperty("files").EnumerateObject())
        {
            var ours = names.TryGetPackage(Path.GetFullPath(Path.Combine(root, entry.Name)), out var package, out _) ? package.Name : "ERROR";
            Assert.AreEqual(entry.Value.GetString(), ours, $"file {entry.Name}");
        }
    }

    private static JsonElement RunOracle(string root, bool includeDev, string[] files)
    {
        var (code, output, error) = ExternalTool.Run("node", [Path.Combine(OracleDir.Value, "oracle.js"), root, includeDev ? "true" : "false", .. files]);
        Assert.AreEqual(0, code, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
