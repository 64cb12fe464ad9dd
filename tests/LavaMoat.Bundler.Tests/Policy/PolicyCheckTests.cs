using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Tests.Policy;

/// <summary>
/// <see cref="PolicyCheck"/>: what the code needs (generated from real snippets) against hand-written effective
/// policies, with the kernel's grant semantics and the attacks a lax check would let through.
/// </summary>
[TestClass]
public sealed class PolicyCheckTests
{
    private static GeneratedPolicy Needs(string package, string code, params PolicyImport[] imports) =>
        PolicyGenerator.Generate([PolicyGeneratorTests.Module(package, $"node_modules/{package}/index.js", code, imports)]);

    private static LavaMoatPolicy Effective(string json)
    {
        var loaded = PolicyDocument.Parse(json, "policy.json");
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return loaded.Document!.ToPolicy();
    }

    [TestMethod]
    public void The_generated_policy_satisfies_itself()
    {
        var needs = PolicyGenerator.Generate(
        [
            PolicyGeneratorTests.Module("a", "node_modules/a/index.js", "document.title; x = 1; foo.bar = 2;", new PolicyImport("b", "b", 1, 1)),
            PolicyGeneratorTests.Module("b", "node_modules/b/index.js", "fetch;"),
        ]);

        Assert.AreEqual(0, PolicyCheck.FindMissing(needs.Policy, needs).Length);
        Assert.AreEqual(0, PolicyCheck.FindMissing(Effective(PolicyFileWriter.Serialize(needs.Policy)), needs).Length);
    }

    [TestMethod]
    public void Missing_global_is_an_error_at_the_first_place_with_every_place_in_details()
    {
        var needs = Needs("a", "0;\nlocalStorage.getItem('k');\n  localStorage;");
        var missing = PolicyCheck.FindMissing(LavaMoatPolicy.Empty, needs);

        var diagnostic = missing.Single();
        Assert.AreEqual("LMB4101", diagnostic.Code);
        Assert.IsTrue(diagnostic.IsError);
        Assert.AreEqual("node_modules/a/index.js", diagnostic.File);
        Assert.AreEqual((2, 1), (diagnostic.Line, diagnostic.Column));
        StringAssert.Contains(diagnostic.Message, "package \"a\"");
        StringAssert.Contains(diagnostic.Message, "\"localStorage\"");
        CollectionAssert.AreEqual(
            new[]
            {
                "needed at node_modules/a/index.js:2:1 (localStorage.getItem)",
                "needed at node_modules/a/index.js:3:3 (localStorage)",
            },
            diagnostic.Details.ToArray());
        StringAssert.StartsWith(diagnostic.ToString(), "node_modules/a/index.js(2,1): error LMB4101: ");
    }

    [TestMethod]
    public void Every_missing_global_is_reported_sorted_by_path()
    {
        // The snippet above also reads the global x: both are reported, sorted by path.
        var missing = PolicyCheck.FindMissing(LavaMoatPolicy.Empty, Needs("a", "x;\nlocalStorage;"));
        Assert.AreEqual(2, missing.Length);
        StringAssert.Contains(missing[0].Message, "\"localStorage\"");
        StringAssert.Contains(missing[1].Message, "\"x\"");
    }

    [TestMethod]
    public void A_parent_grant_covers_a_deeper_need()
    {
        var needs = Needs("a", "location.href; document.body.style.color;");
        Assert.AreEqual(0, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"location":true,"document.body":true}}}}"""), needs).Length);
    }

    [TestMethod]
    public void A_deeper_grant_does_not_cover_a_shallower_need()
    {
        var needs = Needs("a", "var l = location; document.body;");
        var missing = PolicyCheck.FindMissing(
            Effective("""{"resources":{"a":{"globals":{"location.href":true,"document.body.style":true}}}}"""), needs);
        Assert.AreEqual(2, missing.Length);
        StringAssert.Contains(missing[0].Message, "\"document.body\"");
        StringAssert.Contains(missing[1].Message, "\"location\"");
    }

    [TestMethod]
    public void A_name_sharing_a_prefix_grants_nothing()
    {
        var needs = Needs("a", "foobar;");
        Assert.AreEqual(1, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"foo":true,"foobar.x":true}}}}"""), needs).Length);
    }

    [TestMethod]
    public void A_ban_inside_a_grant_hides_the_need()
    {
        var needs = Needs("a", "location.href; navigator.userAgent;");
        var missing = PolicyCheck.FindMissing(
            Effective("""{"resources":{"a":{"globals":{"location":true,"location.href":false,"navigator":false,"navigator.userAgent":true}}}}"""),
            needs);
        var diagnostic = missing.Single();
        StringAssert.Contains(diagnostic.Message, "\"location.href\"");
    }

    [TestMethod]
    public void A_write_need_is_not_satisfied_by_read()
    {
        var needs = Needs("a", "counter = 1; counter.x;");
        var missing = PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"counter":true}}}}"""), needs);
        var diagnostic = missing.Single();
        StringAssert.Contains(diagnostic.Message, "assigns the global \"counter\"");
        StringAssert.Contains(diagnostic.Message, "\"write\"");
        Assert.AreEqual(0, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"counter":"write"}}}}"""), needs).Length);
    }

    [TestMethod]
    public void Write_on_a_nested_path_does_not_give_a_top_level_write()
    {
        var needs = Needs("a", "counter = 1;");
        Assert.AreEqual(1, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"counter.value":"write"}}}}"""), needs).Length);
    }

    [TestMethod]
    public void Write_grants_read()
    {
        var needs = Needs("a", "counter.value; other;");
        Assert.AreEqual(0, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"counter":"write","other":"write"}}}}"""), needs).Length);
    }

    [TestMethod]
    public void Grants_of_another_package_do_not_count()
    {
        var needs = Needs("a", "fetch;", new PolicyImport("b", "b", 1, 1));
        var missing = PolicyCheck.FindMissing(
            Effective("""{"resources":{"b":{"globals":{"fetch":true},"packages":{"b":true}},"a>b":{"globals":{"fetch":true}}}}"""), needs);
        Assert.AreEqual(2, missing.Length);
    }

    [TestMethod]
    public void Missing_package_edge_is_reported_at_the_import()
    {
        var needs = Needs("a", "", new PolicyImport("b>c", "c", 4, 17), new PolicyImport("b>c", "c/x", 7, 3));
        var missing = PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"packages":{"b>c":false,"c":true}}}}"""), needs);

        var diagnostic = missing.Single();
        Assert.AreEqual("LMB4101", diagnostic.Code);
        Assert.AreEqual(("node_modules/a/index.js", 4, 17), (diagnostic.File, diagnostic.Line, diagnostic.Column));
        StringAssert.Contains(diagnostic.Message, "package \"a\" requires package \"b>c\"");
        Assert.AreEqual(2, diagnostic.Details.Length);
        Assert.AreEqual(0, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"packages":{"b>c":true}}}}"""), needs).Length);
    }

    [TestMethod]
    public void Proto_paths_are_never_granted()
    {
        // A hand-made need through __proto__ (the generator never makes one): nothing grants it, and a grant
        // through __proto__ grants nothing (the kernel rejects such a policy).
        var policy = new LavaMoatPolicy(new Dictionary<string, PackagePolicy>
        {
            ["a"] = new(new Dictionary<string, GlobalAccess> { ["__proto__"] = GlobalAccess.Read, ["x.__proto__"] = GlobalAccess.Read, ["x"] = GlobalAccess.Read },
                new Dictionary<string, bool>(), new Dictionary<string, bool>()),
        });
        Assert.IsFalse(PolicyCheck.IsGranted(policy.For("a"), "x.__proto__.y", GlobalAccess.Read));
        Assert.IsFalse(PolicyCheck.IsGranted(policy.For("a"), "__proto__", GlobalAccess.Read));
        Assert.IsFalse(PolicyCheck.IsGranted(policy.For("a"), "__proto__.polluted", GlobalAccess.Read));
        Assert.IsTrue(PolicyCheck.IsGranted(policy.For("a"), "x.y", GlobalAccess.Read));
    }

    [TestMethod]
    public void Alias_paths_grant_nothing()
    {
        // The kernel skips policy paths that start with a global alias: "window.fetch" is no grant of fetch.
        var needs = Needs("a", "fetch;");
        Assert.AreEqual(1, PolicyCheck.FindMissing(Effective("""{"resources":{"a":{"globals":{"window.fetch":true,"window":true}}}}"""), needs).Length);
    }
}
