using System.Text.Json;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using LavaMoat.Bundler.Tests.Infrastructure;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Analysis;

/// <summary>
/// Differential test of <see cref="SesCompatAnalyzer"/> against lavamoat-tofu's <c>inspectSesCompat</c> (the check
/// lavamoat-core runs while generating a policy; pinned in <c>Oracles/lavamoat-browserify/package-lock.json</c>):
/// on each snippet the primordial mutations must be the same places and paths, apart from the ones we find and it
/// does not, each listed with the reason.
/// </summary>
[TestClass]
public sealed class SesCompatOracleTests
{
    private static readonly Lazy<string> OracleDir = new(() => NpmOracle.Install("lavamoat-browserify", "lavamoat-tofu"));

    // Name, code, source type, and the targets only we report (with why lavamoat-tofu misses them).
    private static readonly (string Name, string Code, SourceType SourceType, string[] OnlyOurs, string Reason)[] Snippets =
    [
        ("prototypes", "Array.prototype.x = 1;\n  Object.prototype.toString = function () {};\nString.prototype.trimLeft = s;", SourceType.Script, [], ""),
        ("namespaces and constructors", "Math.random = r; Symbol.observable = o; Promise.prototype.finally = f; Function.prototype.bind = b;", SourceType.Script, [], ""),
        ("deep, compound and function intrinsics", "JSON.parse += ''; Array.prototype.push.x = 1; eval.x = 1; Proxy.y = 2; Reflect.z = 3;", SourceType.Script, [], ""),
        ("error accessors", "Error.prepareStackTrace = p; Error.stackTraceLimit = 50; Error.captureStackTrace = f;", SourceType.Script, [], ""),
        ("shadowing in a script", "var Object = {}; Object.prototype.a = 1; function f(Array) { Array.prototype.x = 1; } { let String = 1; String.prototype.q = 1; } Number.prototype.n = 1;", SourceType.Script, [], ""),
        ("shadowing by an import", "import { Map } from 'x'; Map.prototype.y = 1; Set.prototype.z = 1;", SourceType.Module, [], ""),
        ("not intrinsics", "window.foo = 1; document.title = 't'; Foo.prototype.toString = f; WeakRef.prototype.w = 1; Intl.z = 1; Atomics.a = 1;", SourceType.Script, [], ""),
        ("computed keys", "Array.prototype['flat'] = f; Array.prototype[k] = f;", SourceType.Script,
            ["Array.prototype.flat", "Array.prototype[…]"], "lavamoat-tofu skips computed members, but the frozen object throws whatever the key"),
        ("through an alias", "window.Array.prototype.x = 1; globalThis.Object.prototype.y = 2;", SourceType.Script,
            ["Array.prototype.x", "Object.prototype.y"], "lavamoat-tofu takes the root name (window) as the object; window.Array is the same frozen intrinsic"),
        ("updates and mutator calls", "Number.counter++; Object.defineProperty(Array.prototype, 'x', {}); Reflect.set(Math, 'x', 1);", SourceType.Script,
            ["Number.counter", "Array.prototype", "Math"], "lavamoat-tofu looks at assignments only; ++ and Object.defineProperty throw on a frozen object too"),
        ("intrinsics lavamoat-tofu does not list", "TextEncoder.prototype.x = 1; AggregateError.y = 1;", SourceType.Script,
            ["TextEncoder.prototype.x", "AggregateError.y"], "its intrinsic list is an old SES allowlist; these are frozen shared intrinsics in a SES compartment"),
    ];

    [TestMethod]
    public void Primordial_mutations_match_lavamoat_tofu()
    {
        var dir = Directory.CreateTempSubdirectory("lmb-ses-compat-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, code, sourceType, _, _) in Snippets)
            {
                // lavamoat-tofu parses "unambiguous": an import makes a module, as our explicit source type says.
                var file = Path.Combine(dir, name.Replace(' ', '-').Replace(',', '_') + ".js");
                File.WriteAllText(file, code);
                files.Add(file);
            }

            var (exit, output, error) = ExternalTool.Run("node", [Path.Combine(OracleDir.Value, "ses-compat-oracle.js"), .. files], OracleDir.Value);
            Assert.AreEqual(0, exit, error);
            using var json = JsonDocument.Parse(output);

            var problems = new List<string>();
            for (var i = 0; i < Snippets.Length; i++)
            {
                var (name, code, sourceType, onlyOurs, reason) = Snippets[i];
                var theirs = json.RootElement.GetProperty(files[i]).EnumerateArray()
                    .Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()} {e.GetProperty("path").GetString()}")
                    .ToList();
                var program = new Parser(new ParserOptions { SourceType = sourceType }).Parse(code);
                var findings = SesCompatAnalyzer.Analyze(program, ScopeAnalyzer.Analyze(program));
                var ours = findings.Where(f => !onlyOurs.Contains(f.Target)).Select(f => $"{f.Line}:{f.Column} {f.Target}").ToList();
                if (!ours.SequenceEqual(theirs))
                {
                    problems.Add($"{name}: ours [{string.Join(", ", ours)}], lavamoat-tofu [{string.Join(", ", theirs)}]");
                }

                foreach (var target in onlyOurs)
                {
                    if (!findings.Any(f => f.Target == target))
                    {
                        problems.Add($"{name}: expected to find {target} ({reason})");
                    }
                }
            }

            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
