using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Tests.Policy;

[TestClass]
public sealed class PolicyPruningAndPathsTests
{
    [TestMethod]
    public void Prune_keeps_only_bundled_packages_and_edges_between_them()
    {
        var policy = PolicyDocument.Parse("""
            {"resources":{
              "$root$":{"packages":{"a":true,"gone":true}},
              "a":{"globals":{"fetch":true},"packages":{"a>b":true,"gone":false}},
              "a>b":{"globals":{"x":"write"}},
              "gone":{"globals":{"document":true}}
            }}
            """, "p.json").Document!.ToPolicy();

        var pruned = PolicyPruning.Prune(policy, new HashSet<string>(StringComparer.Ordinal) { "$root$", "a", "a>b", "not-in-policy" });

        CollectionAssert.AreEquivalent(new[] { "$root$", "a", "a>b" }, pruned.Resources.Keys.ToArray());
        CollectionAssert.AreEquivalent(new[] { "a" }, pruned.For("$root$").Packages.Keys.ToArray());
        CollectionAssert.AreEquivalent(new[] { "a>b" }, pruned.For("a").Packages.Keys.ToArray());
        Assert.AreEqual(GlobalAccess.Read, pruned.For("a").Globals["fetch"]);
        Assert.AreEqual(GlobalAccess.Write, pruned.For("a>b").Globals["x"]);
        Assert.AreSame(policy.For("a>b"), pruned.For("a>b"));
    }

    [TestMethod]
    public void Paths_follow_lavamoat_layout()
    {
        var root = Path.Combine(Path.GetTempPath(), "proj");
        var paths = new PolicyPaths(root, PolicyPaths.DefaultPolicyName);
        Assert.AreEqual(Path.Combine(root, "lavamoat", "browserify", "policy.json"), paths.Primary);
        Assert.AreEqual(Path.Combine(root, "lavamoat", "browserify", "policy-override.json"), paths.Override);
        Assert.AreEqual(Path.Combine(root, "lavamoat", "browserify", "policy-debug.json"), paths.Debug);
        Assert.AreEqual("lavamoat/browserify/policy.json", paths.RelativePrimary);
        Assert.AreEqual("lavamoat/web/policy-override.json", new PolicyPaths(root, "web").RelativeOverride);
    }
}
