using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Tests.Infrastructure;
using static LavaMoat.Bundler.Tests.Infrastructure.Fixtures;

namespace LavaMoat.Bundler.Tests.Emit;

/// <summary>
/// The bundle's source map checked with the <c>source-map</c> npm package (js/map-tokens.cjs): the position of
/// known tokens in every module of a bundle maps back to the right file, line and column.
/// </summary>
[TestClass]
public sealed class SourceMapTests
{
    private static readonly ModuleRecord[] IdentityModules =
    [
        Module(1, Root, "src/index.js", "const tokRootA = require('a');\n  const tokRootB = require('b');\n\ttokRootA.run(tokRootB);", ("a", 2), ("b", 3)),
        Module(2, "a", "node_modules/a/index.js", "'use strict';\r\nexports.run = function tokAFunc (x) {\r\n    return x.tokAMember + 1; // tokAComment\r\n};\r\n"),
        Module(3, "b", "node_modules/b/lib/b.js", "module.exports = { tokBMember: 41 };\n\n\n        /* padding */ var tokBLate = 'é ü';"),
    ];

    private static readonly string[] IdentityTokens =
        ["tokRootA", "tokRootB", "tokAFunc", "tokAMember", "tokAComment", "tokBMember", "tokBLate"];

    [TestMethod]
    public async Task External_map_maps_every_token_to_its_file_line_and_column()
    {
        var output = Write(IdentityModules);
        await AssertTokensMapBack(output, IdentityModules, IdentityTokens);
        using var map = JsonDocument.Parse(output.SourceMap!);
        Assert.AreEqual(3, map.RootElement.GetProperty("version").GetInt32());
        Assert.AreEqual("bundle.js", map.RootElement.GetProperty("file").GetString());
        Assert.AreEqual(IdentityModules[1].Source!.OriginalText, map.RootElement.GetProperty("sourcesContent")[1].GetString());
        StringAssert.EndsWith(output.Bundle, "//# sourceMappingURL=bundle.js.map\n");
    }

    [TestMethod]
    public async Task Inline_map_works_the_same()
    {
        var output = Write(IdentityModules, options: new BundleOptions { SourceMap = SourceMapMode.Inline });
        Assert.IsNull(output.SourceMap);
        await AssertTokensMapBack(output, IdentityModules, IdentityTokens);
    }

    [TestMethod]
    public async Task Transformed_code_maps_through_the_transform_mappings()
    {
        // A transform inserted a line and renamed nothing: its mappings say where each emitted token came from.
        const string Original = "const tokTQ = 1;\nmodule.exports = tokTQ + tokTR;";
        const string Code = "var __inserted = 0; const tokTR = 2;\nconst tokTQ = 1;\nmodule.exports = tokTQ + tokTR;";
        var mappings = new List<CodeMapping>();
        foreach (var (line, text) in new[] { (1, "const tokTQ = 1;"), (2, "module.exports = tokTQ + tokTR;") })
        {
            for (var column = 0; column < text.Length; column++)
            {
                if (column == 0 || (text[column - 1] == ' ' && text[column] != ' '))
                {
                    mappings.Add(new CodeMapping(line, column, line - 1, column));
                }
            }
        }
        var modules = new[]
        {
            Module(1, Root, "src/index.js", "require('t');", ("t", 2)),
            new ModuleRecord(2, "t", "node_modules/t/index.js", new Dictionary<string, int>(), Code, new ModuleSource(Original, mappings)),
        };
        var output = Write(modules);
        var results = await MapTokens(output, ["tokTQ"]);
        var tq = results[0];
        Assert.AreEqual("node_modules/t/index.js", tq.GetProperty("original").GetProperty("source").GetString());
        Assert.AreEqual(1, tq.GetProperty("original").GetProperty("line").GetInt32());
        Assert.AreEqual(6, tq.GetProperty("original").GetProperty("column").GetInt32());
        Assert.AreEqual("tokTQ", tq.GetProperty("sourceText").GetString());
    }

    [TestMethod]
    public async Task Source_root_is_written_when_asked()
    {
        var output = Write(IdentityModules, options: new BundleOptions { SourceRoot = "../../", BundleFileName = "app.js" });
        using var map = JsonDocument.Parse(output.SourceMap!);
        Assert.AreEqual("../../", map.RootElement.GetProperty("sourceRoot").GetString());
        Assert.AreEqual("app.js", map.RootElement.GetProperty("file").GetString());
        StringAssert.EndsWith(output.Bundle, "//# sourceMappingURL=app.js.map\n");
    }

    private static async Task AssertTokensMapBack(BundleOutput output, IReadOnlyList<ModuleRecord> modules, IReadOnlyList<string> tokens)
    {
        var results = await MapTokens(output, tokens);
        Assert.HasCount(tokens.Count, results);
        foreach (var result in results)
        {
            var token = result.GetProperty("token").GetString()!;
            Assert.IsFalse(result.TryGetProperty("error", out var error), $"{token}: {error}");
            var module = modules.Single(m => m.Source!.OriginalText.Contains(token, StringComparison.Ordinal));
            var (line, column) = PositionOf(module.Source!.OriginalText, token);
            var original = result.GetProperty("original");
            Assert.AreEqual(module.File, original.GetProperty("source").GetString(), token);
            Assert.AreEqual(line + 1, original.GetProperty("line").GetInt32(), token);
            Assert.AreEqual(column, original.GetProperty("column").GetInt32(), token);
            Assert.AreEqual(token, result.GetProperty("sourceText").GetString(), token);
        }
    }

    private static (int Line, int Column) PositionOf(string text, string token)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(token, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i, column);
            }
        }
        throw new InvalidOperationException(token);
    }

    private static async Task<JsonElement[]> MapTokens(BundleOutput output, IReadOnlyList<string> tokens)
    {
        var dir = TestPaths.NewWorkDir("map");
        var bundleFile = Path.Combine(dir, "bundle.js");
        await File.WriteAllTextAsync(bundleFile, output.Bundle, new UTF8Encoding(false));
        string? mapFile = null;
        if (output.SourceMap is not null)
        {
            mapFile = Path.Combine(dir, "bundle.js.map");
            await File.WriteAllTextAsync(mapFile, output.SourceMap, new UTF8Encoding(false));
        }
        var spec = Path.Combine(dir, "spec.json");
        await File.WriteAllTextAsync(spec, JsonSerializer.Serialize(new { bundle = bundleFile, map = mapFile, tokens }));
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", [Path.Combine(TestPaths.JsDir, "map-tokens.cjs"), spec], dir);
        Assert.AreEqual(0, exit, stderr + "\n(run npm ci in tests/LavaMoat.Bundler.Tests/js for the source-map package)");
        Directory.Delete(dir, recursive: true);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
