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
    public void Every_token_of_every_module_maps_to_its_own_line_and_column_of_its_file()
    {
        var modules = ManyModules();
        var output = Write(modules);
        var lines = output.Bundle.Split('\n');
        using var map = JsonDocument.Parse(output.SourceMap!);
        var sources = map.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ToArray();
        var ordered = modules.OrderBy(m => m.Id).ToList();
        CollectionAssert.AreEqual(ordered.Select(m => m.File).ToArray(), sources);

        var segments = DecodeMappings(map.RootElement.GetProperty("mappings").GetString()!);
        for (var source = 0; source < ordered.Count; source++)
        {
            var module = ordered[source];
            var original = module.Source!.OriginalText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
            var mapped = segments.Where(s => s.Source == source).ToList();
            // One segment per token start of the original text, each on the bundle line that holds that token.
            var expected = TokenStartsOf(original);
            CollectionAssert.AreEqual(expected, mapped.Select(s => (s.OriginalLine, s.OriginalColumn)).ToList(), module.File);
            foreach (var segment in mapped)
            {
                Assert.AreEqual(
                    original[segment.OriginalLine][segment.OriginalColumn..],
                    lines[segment.Line][segment.Column..],
                    $"{module.File} {segment}");
            }
        }

        // The modules' segments follow one another in id order, as their code does.
        CollectionAssert.AreEqual(segments.Select(s => s.Source).Order().ToList(), segments.Select(s => s.Source).ToList());
    }

    [TestMethod]
    public void The_bundle_is_the_same_however_the_worker_threads_run()
    {
        var modules = ManyModules();
        var first = Write(modules, entries: [1]);
        for (var round = 0; round < 4; round++)
        {
            var again = Write(round % 2 == 0 ? modules.AsEnumerable().Reverse().ToList() : modules, entries: [1]);
            Assert.AreEqual(first.Bundle, again.Bundle);
            Assert.AreEqual(first.SourceMap, again.SourceMap);
        }

        var inline = Write(modules, entries: [1], options: new BundleOptions { SourceMap = SourceMapMode.Inline });
        var inlineMap = inline.Bundle[(inline.Bundle.LastIndexOf("base64,", StringComparison.Ordinal) + 7)..].TrimEnd('\n');
        Assert.AreEqual(first.SourceMap, Encoding.UTF8.GetString(Convert.FromBase64String(inlineMap)));
        var unmapped = Write(modules, entries: [1], options: new BundleOptions { SourceMap = SourceMapMode.None });
        Assert.AreEqual(first.Bundle[..first.Bundle.LastIndexOf("//# sourceMappingURL=", StringComparison.Ordinal)], unmapped.Bundle[..^1]);
    }

    [TestMethod]
    public void Of_several_refused_modules_the_first_by_id_is_reported()
    {
        // The slow one (much code to parse) comes first by id; a check that reported whichever thread finished
        // first would name the quick one.
        var modules = Enumerable.Range(1, 40).Select(id => Module(id, "p", $"m{id}.js", $"exports.v = {id};")).ToList();
        modules[4] = Module(5, "p", "slow.js", string.Concat(Enumerable.Repeat("exports.v = [1, 2, 3].map((x) => x * 2);\n", 5000)) + "}");
        modules[30] = Module(31, "p", "quick.js", "x = a <!-- b");
        for (var round = 0; round < 3; round++)
        {
            var error = Assert.ThrowsExactly<BundleException>(() => Write(modules));
            Assert.AreEqual("LMB3010", error.Code);
            StringAssert.StartsWith(error.Message, "slow.js:");
        }
    }

    /// <summary>
    /// The writer parses again whatever the transform did not vouch for (<see cref="ModuleRecord.ParsedAsWrapperBody"/>),
    /// and even a vouched-for module when its code is not what was parsed (carriage returns the writer normalises)
    /// or its wrapper has other parameters (a helper). Code that cannot be a wrapper body shows which modules were
    /// parsed: the vouched-for module alone gets through, unparsed, as the flag promises; it is internal to our
    /// own stages for that reason.
    /// </summary>
    [TestMethod]
    public void Only_a_vouched_for_CommonJS_module_with_untouched_code_is_not_parsed_again()
    {
        const string NotABody = "let require = 1;\n";
        ModuleRecord Vouched(string code) => Module(1, Root, "a.js", code) with { ParsedAsWrapperBody = true };

        Assert.Contains("let require = 1;", Write([Vouched(NotABody)]).Bundle);
        Assert.AreEqual("LMB3010", Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, "a.js", NotABody)])).Code);
        Assert.AreEqual("LMB3010", Assert.ThrowsExactly<BundleException>(() => Write([Vouched(NotABody.Replace("\n", "\r\n", StringComparison.Ordinal))])).Code);
        Assert.AreEqual("LMB3010", Assert.ThrowsExactly<BundleException>(() => Write([Vouched(NotABody) with { HelperName = "__h" }])).Code);
        Assert.AreEqual("LMB3010", Assert.ThrowsExactly<BundleException>(() => Write([Vouched("let __h = 1;\n") with { Shape = ModuleShape.EsModule, HelperName = "__h" }])).Code);
    }

    [TestMethod]
    public void An_ES_module_without_a_helper_name_is_refused()
    {
        var modules = new[] { Module(1, Root, "a.js", "exports.a = 1;"), Module(2, Root, "b.mjs", "") with { Shape = ModuleShape.EsModule } };
        Assert.AreEqual("LMB3009", Assert.ThrowsExactly<BundleException>(() => Write(modules)).Code);
    }

    [TestMethod]
    public void Cancellation_stops_the_writing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var input = new BundleInput(ManyModules(), [1], LavaMoat.Bundler.Policy.LavaMoatPolicy.Empty, new BundleOptions());
        Assert.ThrowsExactly<OperationCanceledException>(() => new BundleWriter().Write(input, cancelled.Token));
    }

    /// <summary>Modules of all sizes and line endings (CRLF, CR, LF, none at the end, empty), non-ASCII text and
    /// one transformed ES module whose code gained a line, in no particular id order.</summary>
    private static List<ModuleRecord> ManyModules()
    {
        string[] statements =
        [
            "var tok{0} = require('./x');",
            "exports.v{0} = function (a, b) {{ return a + b * {0}; }};",
            "if (tok{0} !== void 0) {{ tok{0}.run(\"é ü {0}\"); }}",
            "/* block\ncomment {0} */ foo{0}();",
            "// line comment {0}\n",
            "const t{0} = `template ${{tok}} {0}`;",
            "\t  x{0} = [1, 2, 3].map((v) => v * 2) ;",
            "var\u00A0nb{0}\u3000= '\u2028\u0085' + ǅx{0}\u2003;",
        ];
        string[] separators = ["\n", "\r\n", "\r", " ", "\n\n\n", "\n    "];
        var random = new Random(11);
        var modules = new List<ModuleRecord> { Module(1, Root, "src/index.js", "require('./x');", ("./x", 3)), Module(500, "empty", "node_modules/empty/index.js", "") };
        for (var id = 3; id < 120; id += random.Next(1, 4))
        {
            var code = new StringBuilder();
            for (var s = random.Next(0, 30); s > 0; s--)
            {
                code.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, statements[random.Next(statements.Length)], s));
                code.Append(separators[random.Next(separators.Length)]);
            }

            modules.Add(Module(id, $"pkg{id % 7}", $"node_modules/pkg{id % 7}/f{id}.js", code.ToString()));
        }

        // As if a transform had put a line in front (and kept the rest of the text as it was).
        const string Original = "const tokQ = 1;\r\n__h.exportDefault(tokQ + 2);\r\n";
        var mappings = new List<CodeMapping>();
        foreach (var (line, column) in TokenStartsOf(Original.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')))
        {
            mappings.Add(new CodeMapping(line + 1, column, line, column));
        }

        modules.Add(new ModuleRecord(200, "esm", "node_modules/esm/index.mjs", new Dictionary<string, int>(), "__h.init();\n" + Original, new ModuleSource(Original, mappings))
        {
            Shape = ModuleShape.EsModule,
            HelperName = "__h",
        });
        return [.. modules.OrderBy(_ => random.Next())];
    }

    private static List<(int Line, int Column)> TokenStartsOf(string[] lines)
    {
        var starts = new List<(int, int)>();
        for (var line = 0; line < lines.Length; line++)
        {
            for (var column = 0; column < lines[line].Length; column++)
            {
                if (!char.IsWhiteSpace(lines[line][column]) && TokenStarts.StartsToken(lines[line], column, 0))
                {
                    starts.Add((line, column));
                }
            }
        }

        return starts;
    }

    private static List<(int Line, int Column, int Source, int OriginalLine, int OriginalColumn)> DecodeMappings(string mappings)
    {
        var segments = new List<(int, int, int, int, int)>();
        var (source, originalLine, originalColumn) = (0, 0, 0);
        var lines = mappings.Split(';');
        for (var line = 0; line < lines.Length; line++)
        {
            var column = 0;
            foreach (var segment in lines[line].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var values = DecodeVlq(segment);
                Assert.HasCount(4, values, segment);
                column += values[0];
                source += values[1];
                originalLine += values[2];
                originalColumn += values[3];
                segments.Add((line, column, source, originalLine, originalColumn));
            }
        }

        return segments;
    }

    private static List<int> DecodeVlq(string segment)
    {
        const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var values = new List<int>();
        var (value, shift) = (0L, 0);
        foreach (var c in segment)
        {
            var digit = Digits.IndexOf(c, StringComparison.Ordinal);
            value |= (long)(digit & 31) << shift;
            shift += 5;
            if ((digit & 32) == 0)
            {
                values.Add((int)((value & 1) == 1 ? -(value >> 1) : value >> 1));
                (value, shift) = (0, 0);
            }
        }

        return values;
    }

    [TestMethod]
    [DataRow("\\u0069mport('./x.js')", "LMB3010")]
    [DataRow("imp\\u006Frt('./x.js')", "LMB3010")]
    [DataRow("exports.f = function () { if (a) { return [b, { c: () => import('./x.js') }]; } };", "LMB3004")]
    public void An_import_call_is_found_however_deep_and_cannot_hide_behind_escapes(string code, string expected)
    {
        // An escaped keyword does not parse, so it cannot smuggle an import(…) past the check.
        var error = Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, "a.js", code)]));
        Assert.AreEqual(expected, error.Code, error.Message);
    }

    [TestMethod]
    public void Invalid_scuttling_exceptions_are_refused()
    {
        var error = Assert.ThrowsExactly<BundleException>(() => Write(SampleModules(), options: new BundleOptions { Scuttle = new ScuttleOptions(["/unterminated"]) }));
        Assert.AreEqual("LMB3002", error.Code);
    }
}
