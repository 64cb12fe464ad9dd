using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Tests.Infrastructure;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Policy;

/// <summary>
/// Differential tests against the real lavamoat-core (pinned in <c>Oracles/lavamoat-core/package-lock.json</c>,
/// installed with <c>npm ci</c> into a temp folder on first use): the same policy texts go through its
/// <c>mergePolicy</c> + <c>jsonStringifySortedPolicy</c> and through ours, and the bytes must be equal.
/// </summary>
[TestClass]
public sealed class LavamoatCoreOracleTests
{
    private static readonly Lazy<string> OracleDir = new(() => NpmOracle.Install("lavamoat-core", "lavamoat-core"));

    // Policy texts only; what the output must be comes from lavamoat-core.
    private static readonly (string Name, string Policy, string? Override)[] Cases =
    [
        ("sorting of names, paths and values", """
            {"resources":{
              "b":{"packages":{"a>b":true,"b":true}},
              "a>b":{"globals":{"setTimeout":true,"document.createElement":true,"Buffer":"write","fetch":false}},
              "$root$":{"packages":{"z":true,"@scope/pkg":true,"a":true}},
              "@scope/pkg>a>b":{"globals":{"x.y.z":true}},
              "@scope/pkg":{"builtin":{"fs.readFile":true,"path":true}},
              "a":{"globals":{"A":true,"a":true,"_":true,"$":true,"a.b":false,"ab":true}},
              "external:../lib/x.js":{"globals":{"console":true}},
              "ab>c":{"packages":{"c":true}},
              "a-b":{"globals":{}},
              "10":{"packages":{"9":true,"10":true,"1":true}}
            }}
            """, null),
        ("string escapes and non-ASCII keys", """
            {"resources":{"é>ü":{"globals":{"caf\u00e9":true,"quote\"d":true,"back\\slash":true,"tab\there":false,"\u0001ctl":true,"\u007f":true,"\u2028":true,"😀":true,"\uD83D":true,"\/slash":true}}}}
            """, null),
        ("numbers and unknown top-level keys survive stringify", """
            {"resources":{},"x-extra":[1,1.5,-2,1e21,1e-7,123456789012345680000,0.000001,1e300,-0,0.1,5e-324,[],{},null,"s",true],"meta":{"nested":{"b":1,"a":[{"d":2,"c":3}]}}}
            """, null),
        ("override wins per key, resources in one file copied", """
            {"resources":{
              "a":{"globals":{"fetch":true,"alert":true},"packages":{"b":true},"native":true,"meta":{"x":"1"},"env":"unfrozen"},
              "b":{"globals":{"console.log":true}},
              "only-base":{"globals":{"window":true},"native":false}
            }}
            """, """
            {"resources":{
              "a":{"globals":{"alert":false,"prompt":"write"},"packages":{"b":false,"c":true},"native":false,"meta":{"y":["2","3"]}},
              "b":{"builtin":{"fs":true}},
              "only-override":{"globals":{"location":true},"packages":{"a":true}}
            }}
            """),
        ("documented example: deny a parent, allow one child", """
            {"resources":{"a":{"globals":{"location.href":true,"location.search":true,"navigator":true}}}}
            """, """
            {"resources":{"a":{"globals":{"location":false,"location.hash":true}}}}
            """),
        ("topmost paths only, whatever the ancestor's value", """
            {"resources":{
              "a":{"globals":{"x":true,"x.y":true,"x.y.z":false,"xy":true,"p.q.r":true,"p":false}},
              "other":{"builtin":{"fs":true,"fs.readFile":true,"path.join":true}}
            }}
            """, """
            {"resources":{"other":{"builtin":{"path":false,"path.join":true,"path.sep":false}}}}
            """),
        ("override-only resource with a denied parent and granted child", """
            {"resources":{}}
            """, """
            {"resources":{"n":{"globals":{"a":false,"a.b":true,"a.c":false,"c.d":"write"}}}}
            """),
        ("hierarchy violation inside the override", """
            {"resources":{"v":{"globals":{"q":true}}}}
            """, """
            {"resources":{"v":{"globals":{"a":true,"a.b":true,"a.b.c":true}}}}
            """),
        ("hierarchy violation from a base grant and an override child", """
            {"resources":{"v":{"globals":{"a":true}}}}
            """, """
            {"resources":{"v":{"globals":{"a.b":true}}}}
            """),
        ("resolutions, root, include, debugInfo and unknown keys", """
            {"resources":{},"resolutions":{"p":{"x":"./a.js","y":"./b.js"},"q":{"z":"./z.js"}},"root":{"usePolicy":"a"},
             "include":["a",{"name":"b","entry":"b.js"},"a"],"debugInfo":{"m":{"x":1}},"unknown":{"k":1}}
            """, """
            {"resources":{},"resolutions":{"p":{"y":"./c.js"},"r":{"w":"./w.js"}},"root":{"usePolicy":"b"},
             "include":["c","a",{"name":"b","entry":"b.js"},{"name":"b","entry":"other.js"}],"debugInfo":{"n":2},"unknown2":true}
            """),
        ("duplicate keys: last value wins", """
            {"resources":{"x":{"globals":{"a":true,"b":true,"a":false}},"x":{"globals":{"c":true}}}}
            """, """
            {"resources":{"x":{"globals":{"d":true}}}}
            """),
        ("empty override", """
            {"resources":{"a>b>c":{"globals":{"a":true,"a.b":true}},"c":{"packages":{"a>b>c":true}}}}
            """, """
            {"resources":{}}
            """),
        ("empty sections kept", """
            {"resources":{"a":{"globals":{},"packages":{}}}}
            """, """
            {"resources":{"a":{"builtin":{}},"b":{}}}
            """),
    ];

    [TestMethod]
    public void Merge_and_stringify_match_lavamoat_core_byte_for_byte() => Assert.AreEqual(1 + 1, CompareWithOracle(Cases)); // the two hierarchy cases

    [TestMethod]
    public void Random_policies_and_overrides_match_lavamoat_core_byte_for_byte()
    {
        // Seeded so a failure reproduces; the pools are small so overrides often collide with the policy's names and
        // paths, which is where the merge rules (topmost paths, re-added children, hierarchy errors) apply.
        var random = new Random(4242);
        var cases = Enumerable.Range(0, 300)
            .Select(i => ($"random case {i}", RandomPolicy(random), random.Next(5) == 0 ? null : RandomPolicy(random)))
            .ToArray();
        var errors = CompareWithOracle(cases);

        // Both outcomes must be well represented, or the comparison would say little about one of them.
        Assert.IsGreaterThan(30, errors, $"{errors} hierarchy errors");
        Assert.IsGreaterThan(30, cases.Length - errors, $"{cases.Length - errors} merged policies");
    }

    private static readonly string[] Names = ["a", "b", "a>b", "b>a", "@s/p", "@s/p>a", "a>@s/p>c", "$root$", "external:../x.js", "a-b", "a.b", "ab", "é"];
    private static readonly string[] Segments = ["x", "y", "location", "href", "X", "_"];

    private static string RandomPolicy(Random random)
    {
        var resources = new Dictionary<string, object>();
        for (var r = random.Next(4); r >= 0; r--)
        {
            var resource = new Dictionary<string, object>();
            if (random.Next(4) != 0)
            {
                resource["globals"] = RandomPaths(random, () => random.Next(3) switch { 0 => true, 1 => false, _ => (object)"write" });
            }

            if (random.Next(3) == 0)
            {
                resource["builtin"] = RandomPaths(random, () => random.Next(2) == 0);
            }

            if (random.Next(2) == 0)
            {
                resource["packages"] = Enumerable.Range(0, random.Next(4)).Select(_ => Names[random.Next(Names.Length)]).Distinct().ToDictionary(n => n, _ => random.Next(3) != 0);
            }

            if (random.Next(8) == 0)
            {
                resource["native"] = random.Next(2) == 0;
            }

            if (random.Next(8) == 0)
            {
                resource["meta"] = new Dictionary<string, object> { [Segments[random.Next(Segments.Length)]] = random.Next(2) == 0 ? "v" : new[] { "1", "2" } };
            }

            if (random.Next(10) == 0)
            {
                resource["env"] = "unfrozen";
            }

            resources[Names[random.Next(Names.Length)]] = resource;
        }

        var policy = new Dictionary<string, object> { ["resources"] = resources };
        if (random.Next(6) == 0)
        {
            policy["resolutions"] = new Dictionary<string, object> { [Names[random.Next(Names.Length)]] = new Dictionary<string, string> { [Segments[random.Next(Segments.Length)]] = "./r.js" } };
        }

        if (random.Next(6) == 0)
        {
            policy["root"] = new Dictionary<string, string> { ["usePolicy"] = Names[random.Next(Names.Length)] };
        }

        if (random.Next(6) == 0)
        {
            policy["include"] = new object[] { Names[random.Next(Names.Length)], new Dictionary<string, string> { ["name"] = "a", ["entry"] = random.Next(2) == 0 ? "x.js" : "y.js" } };
        }

        return JsonSerializer.Serialize(policy);
    }

    private static Dictionary<string, object> RandomPaths(Random random, Func<object> value)
    {
        var paths = new Dictionary<string, object>();
        for (var n = random.Next(5); n > 0; n--)
        {
            var path = string.Join('.', Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Segments[random.Next(2) == 0 ? random.Next(2) : random.Next(Segments.Length)]));
            paths[path] = value();
        }

        return paths;
    }

    // Returns how many cases lavamoat-core rejected (hierarchy errors).
    private static int CompareWithOracle((string Name, string Policy, string? Override)[] cases)
    {
        var errors = 0;
        var theirs = RunOracle([.. cases.Select(c => (c.Policy, c.Override))]);
        for (var i = 0; i < cases.Length; i++)
        {
            var (name, policyText, overrideText) = cases[i];
            var policy = Load(policyText, "policy.json");
            var policyOverride = overrideText is null ? null : Load(overrideText, "policy-override.json");
            var merged = PolicyMerge.Merge(policy, policyOverride);
            var expected = theirs[i];
            if (expected.TryGetProperty("error", out var error))
            {
                Assert.IsFalse(merged.Succeeded, $"{name}: lavamoat-core failed with {error.GetString()}, we did not");
                // lavamoat-core stops at the first violating section; we report every one, in the same order.
                var diagnostic = merged.Diagnostics.First(d => d.Severity == PolicySeverity.Error);
                var resource = System.Text.RegularExpressions.Regex.Match(error.GetString()!, "for resource (\"[^\"]*\")").Groups[1].Value;
                StringAssert.Contains(diagnostic.Message, "for resource " + resource, name);
                Assert.AreEqual(PolicyCodes.HierarchyViolation, diagnostic.Code, name);
                // Their message lists each violation as "<path>" is invalid when "<parent>" is also present.
                foreach (var violation in System.Text.RegularExpressions.Regex.Matches(error.GetString()!, "\"([^\"]+)\" is invalid when \"([^\"]+)\" is also present"))
                {
                    StringAssert.Contains(diagnostic.Message, ((System.Text.RegularExpressions.Match)violation).Value, name);
                }

                errors++;
                continue;
            }

            Assert.IsTrue(merged.Succeeded, $"{name}: {string.Join("; ", merged.Diagnostics)}");
            Assert.AreEqual(expected.GetProperty("output").GetString(), merged.Document!.Serialize(), name);
        }

        return errors;
    }

    [TestMethod]
    public void Generated_policy_serialises_as_lavamoat_core_writes_it()
    {
        var policy = new LavaMoatPolicy(new Dictionary<string, PackagePolicy>
        {
            ["$root$"] = new(new Dictionary<string, GlobalAccess>(), new Dictionary<string, bool> { ["react-dom"] = true, ["react"] = true, ["@babel/runtime"] = true }, new Dictionary<string, bool>()),
            ["react-dom>scheduler"] = new(new Dictionary<string, GlobalAccess> { ["MessageChannel"] = GlobalAccess.Read, ["setTimeout"] = GlobalAccess.Read, ["navigator.scheduling"] = GlobalAccess.Read }, new Dictionary<string, bool>(), new Dictionary<string, bool>()),
            ["react-dom"] = new(new Dictionary<string, GlobalAccess> { ["document"] = GlobalAccess.Read, ["__REACT_DEVTOOLS_GLOBAL_HOOK__"] = GlobalAccess.Write, ["event"] = GlobalAccess.Deny }, new Dictionary<string, bool> { ["react"] = true, ["react-dom>scheduler"] = true }, new Dictionary<string, bool>()),
            ["react"] = PackagePolicy.Empty,
            ["@babel/runtime"] = new(new Dictionary<string, GlobalAccess>(), new Dictionary<string, bool>(), new Dictionary<string, bool> { ["buffer.Buffer"] = true }),
        });
        var ours = PolicyDocument.FromPolicy(policy).Serialize();

        // The oracle reparses our text, so this asserts that lavamoat-core writes the same policy to the same bytes.
        var theirs = RunOracle([(ours, null)]);
        Assert.AreEqual(theirs[0].GetProperty("output").GetString(), ours);
        Assert.IsFalse(ours.EndsWith('\n'));
    }

    private static PolicyDocument Load(string text, string file)
    {
        var result = PolicyDocument.Parse(text, file);
        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Diagnostics));
        return result.Document!;
    }

    private static JsonElement[] RunOracle((string Policy, string? Override)[] cases)
    {
        var work = TestPaths.NewWorkDir("core-oracle");
        var input = Path.Combine(work, "cases.json");
        File.WriteAllText(input, JsonSerializer.Serialize(cases.Select(c => new Dictionary<string, string?> { ["policy"] = c.Policy, ["override"] = c.Override })));
        var (code, output, error) = ExternalTool.Run("node", [Path.Combine(OracleDir.Value, "policy-oracle.js"), input]);
        Assert.AreEqual(0, code, error);
        using var document = JsonDocument.Parse(output);
        var results = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
        Assert.HasCount(cases.Length, results);
        return results;
    }
}
