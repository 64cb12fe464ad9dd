using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Policy;

[TestClass]
public sealed class PolicyFilesTests
{
    [TestMethod]
    public void Missing_files_give_an_empty_policy()
    {
        var result = PolicyFiles.LoadEffective(new PolicyPaths(TestPaths.NewWorkDir("policy-none"), PolicyPaths.DefaultPolicyName));
        Assert.IsTrue(result.Succeeded);
        Assert.IsEmpty(result.Document!.ToPolicy().Resources);
    }

    [TestMethod]
    public void Override_is_applied_when_loading()
    {
        var paths = new PolicyPaths(TestPaths.NewWorkDir("policy-set"), "web");
        Directory.CreateDirectory(paths.Directory);
        File.WriteAllText(paths.Primary, """{"resources":{"a":{"globals":{"fetch":true,"alert":true}}}}""");
        File.WriteAllText(paths.Override, """{"resources":{"a":{"globals":{"alert":false}}}}""");

        var result = PolicyFiles.LoadEffective(paths);
        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Diagnostics));
        var globals = result.Document!.ToPolicy().For("a").Globals;
        Assert.AreEqual(GlobalAccess.Read, globals["fetch"]);
        Assert.AreEqual(GlobalAccess.Deny, globals["alert"]);
    }

    [TestMethod]
    public void Problems_in_both_files_are_reported_with_their_relative_paths()
    {
        var paths = new PolicyPaths(TestPaths.NewWorkDir("policy-bad"), PolicyPaths.DefaultPolicyName);
        Directory.CreateDirectory(paths.Directory);
        File.WriteAllText(paths.Primary, """{"resources":{"a":{"globals":{"fetch":"read"}}}}""");
        File.WriteAllText(paths.Override, "{");

        var result = PolicyFiles.LoadEffective(paths);
        Assert.IsFalse(result.Succeeded);
        CollectionAssert.AreEqual(
            new[] { "lavamoat/browserify/policy.json", "lavamoat/browserify/policy-override.json" },
            result.Diagnostics.Select(d => d.File).ToArray());
        CollectionAssert.AreEqual(new[] { PolicyCodes.InvalidGlobalValue, PolicyCodes.MalformedJson }, result.Diagnostics.Select(d => d.Code).ToArray());
    }
}
