using System.Collections.Immutable;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Tests.Policy;

/// <summary>
/// <see cref="PolicyGenerator"/>, <see cref="PolicyFileWriter"/> and <see cref="PolicyDebugFile"/> on modules
/// analysed from real snippets: lavamoat-core's aggregation rules, each in its own test.
/// </summary>
[TestClass]
public sealed class PolicyGeneratorTests
{
    internal static PolicyModule Module(string package, string file, string code, params PolicyImport[] imports)
    {
        var program = new Parser(new ParserOptions { SourceType = SourceType.Script }).Parse(code);
        return new PolicyModule(package, file, GlobalUsageAnalyzer.Analyze(program, ScopeAnalyzer.Analyze(program)), [.. imports]);
    }

    private static PolicyImport Import(string? package, string specifier, int line = 1, int column = 1) => new(package, specifier, line, column);

    [TestMethod]
    public void Root_gets_no_entry_and_its_globals_are_not_collected()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("$root$", "index.js", "document.title = 'x'; fetch('/');", Import("a", "a")),
            Module("a", "node_modules/a/index.js", "navigator.userAgent;"),
        ]);

        CollectionAssert.AreEqual(new[] { "a" }, result.Policy.Resources.Keys.ToArray());
        Assert.IsFalse(result.Evidence.Globals.Any(g => g.Package == "$root$"));
        Assert.IsFalse(result.Evidence.Packages.Any(p => p.Package == "$root$"));
    }

    [TestMethod]
    public void Globals_are_the_union_of_modules_collapsed_to_the_topmost_path()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/one.js", "document.createElement('div'); location.href; crypto.subtle.digest;"),
            Module("a", "node_modules/a/two.js", "document.body; location.hash; crypto.getRandomValues(new Uint8Array(4));"),
            Module("a", "node_modules/a/three.js", "document; crypto.subtle;"),
        ]);

        var globals = result.Policy.For("a").Globals;
        CollectionAssert.AreEquivalent(
            new[] { "crypto.getRandomValues", "crypto.subtle", "document", "location.hash", "location.href" },
            globals.Keys.ToArray());
        Assert.IsTrue(globals.Values.All(v => v == GlobalAccess.Read));
    }

    [TestMethod]
    public void A_sibling_name_sharing_a_prefix_is_not_absorbed()
    {
        var result = PolicyGenerator.Generate([Module("a", "a.js", "foo; foobar.x; foo2.y;")]);
        CollectionAssert.AreEquivalent(new[] { "foo", "foo2.y", "foobar.x" }, result.Policy.For("a").Globals.Keys.ToArray());
    }

    [TestMethod]
    public void Write_when_any_module_assigns_exactly_that_path()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/read.js", "if (myGlobal) {} otherGlobal;"),
            Module("a", "node_modules/a/write.js", "myGlobal = 1; otherGlobal.inner;"),
            Module("b", "node_modules/b/x.js", "window.shared = {};"),
        ]);

        Assert.AreEqual(GlobalAccess.Write, result.Policy.For("a").Globals["myGlobal"]);
        Assert.AreEqual(GlobalAccess.Read, result.Policy.For("a").Globals["otherGlobal"]);
        Assert.IsFalse(result.Policy.For("a").Globals.ContainsKey("otherGlobal.inner"));
        Assert.AreEqual(GlobalAccess.Write, result.Policy.For("b").Globals["shared"]);
    }

    [TestMethod]
    public void Write_survives_a_deeper_read_in_another_module()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/one.js", "cache = new Map();"),
            Module("a", "node_modules/a/two.js", "cache.get('k');"),
        ]);

        CollectionAssert.AreEqual(new[] { "cache" }, result.Policy.For("a").Globals.Keys.ToArray());
        Assert.AreEqual(GlobalAccess.Write, result.Policy.For("a").Globals["cache"]);
    }

    [TestMethod]
    public void A_nested_write_needs_its_top_level_name_read()
    {
        // LavaMoat records `foo.bar = 1` as a write of foo.bar and then grants foo (issue #1554); the kernel has no
        // nested writes, the assignment goes to the real object foo.
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/one.js", "foo.bar = 1;"),
            Module("a", "node_modules/a/two.js", "foo = {};"),
            Module("b", "node_modules/b/one.js", "config.debug = true; config.level;"),
        ]);

        Assert.AreEqual(GlobalAccess.Write, result.Policy.For("a").Globals["foo"]);
        Assert.AreEqual(1, result.Policy.For("a").Globals.Count);
        CollectionAssert.AreEqual(new[] { "config" }, result.Policy.For("b").Globals.Keys.ToArray());
        Assert.AreEqual(GlobalAccess.Read, result.Policy.For("b").Globals["config"]);
    }

    [TestMethod]
    public void Proto_paths_are_cut_before_the_proto_segment()
    {
        var result = PolicyGenerator.Generate([Module("a", "node_modules/a/x.js", "thing.__proto__.polluted; other.x.__proto__ = 1;")]);

        var globals = result.Policy.For("a").Globals;
        CollectionAssert.AreEquivalent(new[] { "other.x", "thing" }, globals.Keys.ToArray());
        Assert.AreEqual(GlobalAccess.Read, globals["other.x"], "writing x.__proto__ is no write of other.x");
        Assert.AreEqual(0, result.Policy.Validate().Count);
    }

    [TestMethod]
    public void Packages_are_edges_to_other_packages_only()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/index.js", "", Import("a", "./lib"), Import("b", "b"), Import(null, "fs"), Import("c>d", "d")),
            Module("a", "node_modules/a/lib.js", "", Import("b", "b/sub"), Import("$root$", "../../src/x")),
            Module("b", "node_modules/b/index.js", "", Import("b", "./other")),
        ]);

        CollectionAssert.AreEqual(new[] { "$root$", "b", "c>d" }, result.Policy.For("a").Packages.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.IsTrue(result.Policy.For("a").Packages.Values.All(v => v));
        Assert.AreEqual(0, result.Policy.For("a").Builtin.Count);
        Assert.IsFalse(result.Policy.Resources.ContainsKey("b"), "a package needing nothing gets no entry");
    }

    [TestMethod]
    public void Evidence_lists_every_place_sorted_with_one_based_positions()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/z.js", "document.title;"),
            Module("a", "node_modules/a/b.js", "x;\n  document.body.style;\ndocument = 1;", Import("b", "b", 9, 14), Import("b", "b/x", 2, 1)),
        ]);

        var document = result.Evidence.Globals.Single(g => g.Path == "document");
        Assert.AreEqual("a", document.Package);
        Assert.AreEqual(GlobalAccess.Write, document.Access);
        CollectionAssert.AreEqual(
            new[]
            {
                new EvidenceSite("node_modules/a/b.js", 2, 3, "document.body.style"),
                new EvidenceSite("node_modules/a/b.js", 3, 1, "document (write)"),
                new EvidenceSite("node_modules/a/z.js", 1, 1, "document.title"),
            },
            document.Sites.ToArray());

        var edge = result.Evidence.Packages.Single();
        Assert.AreEqual(("a", "b"), (edge.Package, edge.Dependency));
        CollectionAssert.AreEqual(
            new[] { new EvidenceSite("node_modules/a/b.js", 2, 1, "b/x"), new EvidenceSite("node_modules/a/b.js", 9, 14, "b") },
            edge.Sites.ToArray());
    }

    [TestMethod]
    public void Output_does_not_depend_on_module_order()
    {
        PolicyModule[] modules =
        [
            Module("b", "node_modules/b/index.js", "fetch; localStorage.getItem('x');", Import("a", "a")),
            Module("a", "node_modules/a/index.js", "navigator.userAgent; x = 1;"),
            Module("a", "node_modules/a/two.js", "navigator; document.title;", Import("b", "b")),
        ];

        var forward = PolicyGenerator.Generate(modules);
        var backward = PolicyGenerator.Generate(modules.Reverse());
        Assert.AreEqual(PolicyDebugFile.Serialize(forward), PolicyDebugFile.Serialize(backward));
        Assert.AreEqual(PolicyFileWriter.Serialize(forward.Policy), PolicyFileWriter.Serialize(backward.Policy));
    }

    [TestMethod]
    public void Policy_file_is_lavamoat_core_format()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("b>c", "node_modules/c/index.js", "window.localStorage; setTimeout(function () {});"),
            Module("a", "node_modules/a/index.js", "g = 1;", Import("b>c", "c"), Import("b", "b")),
        ]);

        Assert.AreEqual(
            """
            {
              "resources": {
                "a": {
                  "globals": {
                    "g": "write"
                  },
                  "packages": {
                    "b": true,
                    "b>c": true
                  }
                },
                "b>c": {
                  "globals": {
                    "localStorage": true,
                    "setTimeout": true
                  }
                }
              }
            }
            """.ReplaceLineEndings("\n"),
            PolicyFileWriter.Serialize(result.Policy));
    }

    [TestMethod]
    public void Debug_file_has_resources_and_evidence()
    {
        var result = PolicyGenerator.Generate(
        [
            Module("a", "node_modules/a/index.js", "fetch('/x');", Import("b", "b", 1, 9)),
            Module("b", "node_modules/b/index.js", "g = 1;"),
        ]);

        Assert.AreEqual(
            """
            {
              "evidence": {
                "a": {
                  "globals": {
                    "fetch": [
                      {
                        "column": 1,
                        "file": "node_modules/a/index.js",
                        "line": 1,
                        "use": "fetch"
                      }
                    ]
                  },
                  "packages": {
                    "b": [
                      {
                        "column": 9,
                        "file": "node_modules/a/index.js",
                        "line": 1,
                        "use": "b"
                      }
                    ]
                  }
                },
                "b": {
                  "globals": {
                    "g": [
                      {
                        "column": 1,
                        "file": "node_modules/b/index.js",
                        "line": 1,
                        "use": "g (write)"
                      }
                    ]
                  }
                }
              },
              "resources": {
                "a": {
                  "globals": {
                    "fetch": true
                  },
                  "packages": {
                    "b": true
                  }
                },
                "b": {
                  "globals": {
                    "g": "write"
                  }
                }
              }
            }
            """.ReplaceLineEndings("\n"),
            PolicyDebugFile.Serialize(result));
    }

    [TestMethod]
    public void Debug_file_uses_the_given_merged_policy_and_still_loads_as_a_policy()
    {
        var result = PolicyGenerator.Generate([Module("a", "node_modules/a/index.js", "fetch;")]);
        var merged = PolicyMerge.Merge(
            PolicyDocument.FromPolicy(result.Policy),
            PolicyDocument.Parse("""{"resources":{"a":{"globals":{"alert":true}}}}""", "policy-override.json").Document).Document!;

        var text = PolicyDebugFile.Serialize(result, merged);
        var loaded = PolicyDocument.Parse(text, "policy-debug.json");
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var policy = loaded.Document!.ToPolicy();
        CollectionAssert.AreEquivalent(new[] { "alert", "fetch" }, policy.For("a").Globals.Keys.ToArray());
        StringAssert.Contains(text, "\"evidence\"");
    }
}
