using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Tests.Infrastructure;
using static LavaMoat.Bundler.Tests.Infrastructure.Fixtures;

namespace LavaMoat.Bundler.Tests.Emit;

[TestClass]
public sealed class BundleWriterTests
{
    private static IReadOnlyList<ModuleRecord> SampleModules() =>
    [
        Module(1, Root, "src/index.js", "require('a');\nrequire('b');", ("a", 2), ("b", 3)),
        Module(2, "a", "node_modules/a/index.js", "exports.a = 1;"),
        Module(3, "b", "node_modules/b/index.js", "exports.b = 2;\r\n// crlf\r\n"),
    ];

    [TestMethod]
    public void The_same_input_gives_byte_identical_output_whatever_the_module_order()
    {
        var policy = PolicyOf(("b", Package([Read("console.log"), Read("document")], ["a"])), ("a", Package([Write("x")])));
        var first = Write(SampleModules(), policy);
        var second = Write(SampleModules().Reverse().ToList(), policy, entries: [1]);
        Assert.AreEqual(first.Bundle, second.Bundle);
        Assert.AreEqual(first.SourceMap, second.SourceMap);
    }

    [TestMethod]
    public void The_output_holds_no_absolute_path_or_machine_detail()
    {
        var output = Write(SampleModules());
        foreach (var text in new[] { output.Bundle, output.SourceMap! })
        {
            Assert.DoesNotContain(TestPaths.RepoRoot, text);
            Assert.DoesNotContain(Path.GetTempPath(), text);
        }
        using var map = JsonDocument.Parse(output.SourceMap!);
        CollectionAssert.AreEqual(
            new[] { "src/index.js", "node_modules/a/index.js", "node_modules/b/index.js" },
            map.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ToArray());
    }

    [TestMethod]
    public void The_SES_shim_is_embedded_verbatim_and_first()
    {
        var sesFile = Path.Combine(TestPaths.RepoRoot, "runtime-js", "node_modules", "ses", "dist", "ses.umd.min.js");
        var ses = File.ReadAllText(sesFile, Encoding.UTF8);
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "runtime-js", "node_modules", "ses", "package.json")));
        Assert.AreEqual("2.3.0", package.RootElement.GetProperty("version").GetString());
        var output = Write(SampleModules());
        Assert.IsTrue(output.Bundle.StartsWith(ses, StringComparison.Ordinal), "the bundle starts with ses.umd.min.js, unchanged");
        Assert.IsTrue(ses.Any(c => c > 0x7f), "the shim has non-ASCII identifiers, so the bundle must be served as UTF-8");
    }

    [TestMethod]
    public void Module_code_starts_a_line_inside_the_documented_wrapper()
    {
        var output = Write([Module(7, "pkg", "node_modules/pkg/index.js", "exports.x = 1;")], PolicyOf());
        StringAssert.Contains(output.Bundle, """
            [7, {}, function () { with (this.scopeTerminator) { with (this.globalThis) { return function () { 'use strict';
            return function (require, module, exports) {
            exports.x = 1;
            }; }; } } }, {"package":"pkg","file":"node_modules/pkg/index.js"}],
            """);
    }

    [TestMethod]
    public void Nothing_in_the_runtime_or_templates_generates_code_from_strings()
    {
        var output = Write(SampleModules(), options: new BundleOptions { Runtime = RuntimePlacement.Separate });
        var kernelAndShell = output.Runtime![output.Runtime!.IndexOf("(function lavamoatBundlerKernel", StringComparison.Ordinal)..] + output.Bundle;
        foreach (var forbidden in new[] { @"\beval\s*\(", @"\bnew\s+Function\b", @"(?<![\w.])Function\s*\(", @"\.evaluate\s*\(" })
        {
            Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(kernelAndShell, forbidden), forbidden);
        }
    }

    [TestMethod]
    public void Separate_runtime_leaves_the_bundle_to_register_modules_only()
    {
        var output = Write(SampleModules(), options: new BundleOptions { Runtime = RuntimePlacement.Separate, SourceMap = SourceMapMode.None });
        Assert.IsNotNull(output.Runtime);
        Assert.IsNull(output.SourceMap);
        Assert.IsTrue(output.Bundle.TrimStart().StartsWith("LavaMoatBundler.loadBundle([", StringComparison.Ordinal), output.Bundle[..80]);
        Assert.DoesNotContain("sourceMappingURL", output.Bundle);
        StringAssert.Contains(output.Runtime, "lockdown(config.lockdown)");
    }

    [TestMethod]
    public void The_embedded_policy_holds_only_the_bundles_packages_sorted()
    {
        var policy = PolicyOf(
            ("zzz-not-in-bundle", Package([Read("fetch")])),
            ("b", Package([Read("document"), Deny("document.cookie"), Write("x")], ["a"], ["c"])),
            ("a", Package()));
        var output = Write(SampleModules(), policy);
        StringAssert.Contains(output.Bundle, """{"resources":{"a":{},"b":{"globals":{"document":true,"document.cookie":false,"x":"write"},"packages":{"a":true,"c":false}}}});""");
        Assert.DoesNotContain("zzz-not-in-bundle", output.Bundle);
    }

    [TestMethod]
    [DataRow("/abs/file.js")]
    [DataRow("C:/abs/file.js")]
    [DataRow("src\\index.js")]
    public void Absolute_or_backslashed_file_paths_are_refused(string file)
    {
        var error = Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, file, "")]));
        Assert.AreEqual("LMB3007", error.Code);
    }

    [TestMethod]
    public void Unknown_dependency_ids_and_duplicate_ids_are_refused_unless_external()
    {
        Assert.AreEqual("LMB3006", Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, "a.js", "", ("x", 9))])).Code);
        Assert.AreEqual("LMB3008", Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, "a.js", ""), Module(1, Root, "b.js", "")])).Code);
        Write([Module(1, Root, "a.js", "", ("x", 9))], external: new HashSet<int> { 9 });
    }

    [TestMethod]
    [DataRow("x = a <!-- b")]
    [DataRow("x = 1\n--> an HTML close comment")]
    public void Html_like_comments_are_refused(string code)
    {
        var error = Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, "a.js", code)]));
        Assert.AreEqual("LMB3005", error.Code);
    }

    [TestMethod]
    public void Invalid_scuttling_exceptions_are_refused()
    {
        var error = Assert.ThrowsExactly<BundleException>(() => Write(SampleModules(), options: new BundleOptions { Scuttle = new ScuttleOptions(["/unterminated"]) }));
        Assert.AreEqual("LMB3002", error.Code);
    }
}
