using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Transform;

/// <summary>
/// ES module semantics of the transform and the kernel, checked against Node's native ESM on the same files:
/// each fixture under tests/fixtures/esm/ prints one JSON line; run natively and as our protected bundle (in
/// the vm harness, eval off), the lines must be equal.
/// </summary>
[TestClass]
public sealed class EsmSemanticsTests
{
    internal static string FixtureDir(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "esm", name);

    [TestMethod]
    [DataRow("live-bindings")]
    [DataRow("star-exports")]
    [DataRow("evaluation-order")]
    [DataRow("cycles-tdz")]
    [DataRow("top-level-await")]
    [DataRow("commonjs-interop")]
    [DataRow("dynamic-import")]
    [DataRow("default-forms")]
    [DataRow("html-lookalikes")]
    [DataRow("reexports-and-scopes")]
    public async Task Bundle_behaves_like_native_ESM(string fixture)
    {
        var project = FixtureDir(fixture);
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", ["src/main.js"], project);
        Assert.AreEqual(0, exit, $"native run failed: {stderr}");
        var expected = stdout.Trim();

        var result = await BundleAndRunAsync(project, "src/main.js");
        result.AssertNoErrors();
        Assert.HasCount(1, result.Logs, result.Raw);
        Assert.AreEqual(expected, result.Logs[0].Line);
    }

    /// <summary>Bundles <paramref name="entry"/> of <paramref name="project"/> with autopolicy into a temp folder
    /// (the generated policy goes there too, not into the fixture) and runs the bundle in the vm harness.</summary>
    internal static async Task<VmResult> BundleAndRunAsync(string project, string entry, Func<BundleRequest, BundleRequest>? configure = null)
    {
        var output = TestPaths.NewWorkDir("esm");
        var request = new BundleRequest(project, [entry], Path.Combine(output, "app.js"))
        {
            AutoPolicy = true,
            PolicyPath = Path.Combine(output, "policy.json"),
            PolicyDebugPath = Path.Combine(output, "policy-debug.json"),
            OverridePath = Path.Combine(output, "policy-override.json"),
            SourceMap = SourceMapMode.None,
        };
        request = configure?.Invoke(request) ?? request;
        var build = BundlePipeline.Run(request);
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));
        var bundle = await File.ReadAllTextAsync(Path.Combine(output, "app.js"));
        return await VmHarness.RunAsync([new PageScript("app.js", bundle)]);
    }
}
