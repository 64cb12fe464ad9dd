using System.Text.Json;
using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

/// <summary>
/// Checks our exports/imports implementation against Node's own resolver (run with <c>--conditions=browser</c>)
/// on the basic fixture: same file or the matching error, for require and for import. Specifiers whose
/// packages use the <c>node</c> condition are left out: Node always has it on, a browser bundle never does.
/// </summary>
[TestClass]
public sealed class NodeOracleTests
{
    private static readonly string[] Specifiers =
    [
        "exports-cond", "exports-cond/feature", "exports-cond/nested", "exports-cond/package.json", "exports-cond/fallback",
        "exports-cond/fallback-invalid", "exports-cond/fallback-null", "exports-cond/empty-array", "exports-cond/dir",
        "exports-cond/missing", "exports-cond/encoded", "exports-cond/encoded-sep", "exports-cond/not-exported",
        "exports-cond/ignored-main.js", "exports-browser", "exports-browser/b", "exports-sugar", "exports-sugar/other",
        "exports-conditions-only", "exports-mixed", "exports-patterns/one", "exports-patterns/a/two",
        "exports-patterns/a/b/three", "exports-patterns/x/y.js", "exports-patterns/x/y.css", "exports-patterns/private/p",
        "exports-patterns/multi/q", "exports-patterns/cond/k", "exports-patterns/deep/er", "exports-patterns/bad/x",
        "exports-patterns/lib/../one", "exports-errors/dotdot", "exports-errors/nm", "exports-errors/nm-case",
        "exports-errors/dot-enc", "exports-errors/abs", "exports-errors/bare", "exports-errors/url", "exports-errors/num",
        "exports-errors/bool", "exports-errors/index-keys", "exports-errors/pat/../a", "exports-errors/pat/node_modules/x",
        "#internal", "#dep", "#cond", "#star/one", "#null", "#bad", "#missing", "#undefined-name", "#", "#/x",
    ];

    private static readonly Dictionary<string, string> NodeCodes = new(StringComparer.Ordinal)
    {
        ["MODULE_NOT_FOUND"] = ResolutionCodes.ModuleNotFound,
        ["ERR_MODULE_NOT_FOUND"] = ResolutionCodes.ModuleNotFound,
        ["ERR_UNSUPPORTED_DIR_IMPORT"] = ResolutionCodes.ModuleNotFound,
        ["ERR_PACKAGE_PATH_NOT_EXPORTED"] = ResolutionCodes.PackagePathNotExported,
        ["ERR_PACKAGE_IMPORT_NOT_DEFINED"] = ResolutionCodes.PackageImportNotDefined,
        ["ERR_INVALID_PACKAGE_TARGET"] = ResolutionCodes.InvalidPackageTarget,
        ["ERR_INVALID_MODULE_SPECIFIER"] = ResolutionCodes.InvalidModuleSpecifier,
        ["ERR_INVALID_PACKAGE_CONFIG"] = ResolutionCodes.InvalidPackageConfiguration,
    };

    [TestMethod]
    public void Exports_and_imports_agree_with_node()
    {
        const string from = "src/main.js";
        var (code, output, error) = ExternalTool.Run("node",
        [
            "--experimental-import-meta-resolve", "--conditions=browser",
            Path.Combine(ExternalTool.TestProjectDir, "Resolution", "node-resolve.mjs"), Path.Combine(Basic.Root, from), .. Specifiers,
        ]);
        Assert.AreEqual(0, code, error);
        using var answers = JsonDocument.Parse(output);

        var mismatches = new List<string>();
        foreach (var specifier in Specifiers)
        {
            var answer = answers.RootElement.GetProperty(specifier);
            Check(specifier, ImportKind.Require, answer.GetProperty("require").GetString()!, mismatches);
            Check(specifier, ImportKind.Import, answer.GetProperty("import").GetString()!, mismatches);
        }

        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
    }

    private static void Check(string specifier, ImportKind kind, string node, List<string> mismatches)
    {
        var ours = Basic.Resolve(specifier, kind: kind);
        string expected;
        if (node.StartsWith("ERR:", StringComparison.Ordinal))
        {
            expected = "error " + NodeCodes.GetValueOrDefault(node[4..], node);
        }
        else if (!File.Exists(node))
        {
            // import.meta.resolve does not look at the disk; loading would fail with "not found".
            expected = "error " + ResolutionCodes.ModuleNotFound;
        }
        else
        {
            expected = ProjectPath.ToRelative(Basic.Root, node);
        }

        var actual = ours.Module is { Path: { } path }
            ? ProjectPath.ToRelative(Basic.Root, path)
            : "error " + ours.Diagnostics.FirstOrDefault(d => d.Severity == ResolutionSeverity.Error)?.Code;
        if (expected != actual)
        {
            mismatches.Add($"{specifier} ({kind}): node {expected} ({node}), ours {actual}");
        }
    }
}
