using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Apps;

/// <summary>
/// The real-world app run as plain Node ESM, without our bundler: proves the fixture itself is right (every check
/// passes), so a failure of the bundled app points at the bundler, not at the app. The lockdown run does the same
/// after SES's lockdown with the bundle's options, so frozen intrinsics are not what breaks a package either.
/// </summary>
[TestClass]
public sealed class RealWorldAppNativeTests
{
    public TestContext TestContext { get; set; } = null!;

    private async Task RunNativeAsync(params string[] args)
    {
        RealWorldApp.AssertInstalled();
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", ["run-native.mjs", .. args], RealWorldApp.SourceDir);
        TestContext.WriteLine(stdout);
        Assert.AreEqual(0, exit, $"{stdout}{Environment.NewLine}{stderr}");
        foreach (var name in RealWorldApp.CommonChecks)
        {
            StringAssert.Contains(stdout, $"ok   {name}: ", $"check {name}");
        }
        Assert.DoesNotContain("FAIL", stdout);
    }

    [TestMethod]
    public Task Every_check_passes_natively_in_node() => RunNativeAsync();

    [TestMethod]
    public Task Every_check_passes_natively_after_SES_lockdown() => RunNativeAsync("--lockdown");
}
