using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Tests.Policy;

/// <summary>Override merge rules from lavamoat-core's documented behaviour (the byte-level check is in <see cref="LavamoatCoreOracleTests"/>).</summary>
[TestClass]
public sealed class PolicyMergeTests
{
    private static PolicyDocument Doc(string json, string file = "lavamoat/browserify/policy.json")
    {
        var result = PolicyDocument.Parse(json, file);
        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Diagnostics));
        return result.Document!;
    }

    [TestMethod]
    public void No_override_returns_the_policy_unchanged()
    {
        var policy = Doc("""{"resources":{"a":{"globals":{"x":true,"x.y":true}}}}""");
        var merged = PolicyMerge.Merge(policy, null);
        Assert.AreSame(policy, merged.Document);
    }

    [TestMethod]
    public void Denying_a_parent_drops_generated_children_and_keeps_override_children()
    {
        var merged = PolicyMerge.Merge(
            Doc("""{"resources":{"a":{"globals":{"location.href":true}}}}"""),
            Doc("""{"resources":{"a":{"globals":{"location":false,"location.hash":true}}}}""", "lavamoat/browserify/policy-override.json"));

        var globals = merged.Document!.ToPolicy().For("a").Globals;
        Assert.HasCount(2, globals);
        Assert.AreEqual(GlobalAccess.Deny, globals["location"]);
        Assert.AreEqual(GlobalAccess.Read, globals["location.hash"]);
    }

    [TestMethod]
    public void Granted_child_under_granted_parent_is_a_located_error_in_the_override()
    {
        var merged = PolicyMerge.Merge(
            Doc("""{"resources":{"v":{"globals":{"a":true}}}}"""),
            Doc("{\"resources\":{\n\"v\":{\"globals\":{\"a.b\":true}}}}", "lavamoat/browserify/policy-override.json"));

        Assert.IsFalse(merged.Succeeded);
        Assert.IsNull(merged.Document);
        var diagnostic = merged.Diagnostics.Single(d => d.Severity == PolicySeverity.Error);
        Assert.AreEqual(PolicyCodes.HierarchyViolation, diagnostic.Code);
        Assert.AreEqual("lavamoat/browserify/policy-override.json", diagnostic.File);
        Assert.AreEqual("$.resources[\"v\"].globals[\"a.b\"]", diagnostic.JsonPath);
        Assert.AreEqual(2, diagnostic.Line);
        Assert.AreEqual(23, diagnostic.Column); // `"v":{"globals":{"a.b":` is 22 characters
        StringAssert.Contains(diagnostic.Message, "set the parent \"a\" to false");
    }

    [TestMethod]
    public void Sections_merge_shallowly_with_the_override_winning()
    {
        var merged = PolicyMerge.Merge(
            Doc("""{"resources":{"a":{"globals":{"f":true,"g":true},"packages":{"b":true,"c":true}}}}"""),
            Doc("""{"resources":{"a":{"globals":{"g":false,"h":"write"},"packages":{"c":false}}}}""")).Document!.ToPolicy().For("a");

        Assert.AreEqual(GlobalAccess.Read, merged.Globals["f"]);
        Assert.AreEqual(GlobalAccess.Deny, merged.Globals["g"]);
        Assert.AreEqual(GlobalAccess.Write, merged.Globals["h"]);
        Assert.IsTrue(merged.Packages["b"]);
        Assert.IsFalse(merged.Packages["c"]);
    }

    [TestMethod]
    public void Override_naming_new_packages_warns_like_lavamoat_core()
    {
        var merged = PolicyMerge.Merge(Doc("""{"resources":{"a":{}}}"""), Doc("""{"resources":{"a":{},"new":{"globals":{"x":true}}}}""", "o.json"));
        Assert.IsTrue(merged.Succeeded);
        var warning = merged.Diagnostics.Single();
        Assert.AreEqual(PolicySeverity.Warning, warning.Severity);
        Assert.AreEqual(PolicyCodes.OverrideNamesNewResources, warning.Code);
        StringAssert.Contains(warning.Message, "new");
        Assert.AreEqual(GlobalAccess.Read, merged.Document!.ToPolicy().For("new").Globals["x"]);
    }
}
