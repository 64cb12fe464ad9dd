using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Scoping;

/// <summary>One reference eslint-scope left unresolved at the top (<c>globalScope.through</c>).</summary>
/// <param name="IsEvalQuirk">
/// eslint-scope's own scopes declare the name on the way out, and it stayed unresolved only because a direct
/// <c>eval</c> made eslint-scope close a scope dynamically (see <c>tests/js/eslint-scope-dump.mjs</c>).
/// </param>
public sealed record EslintFreeReference(string Name, int Start, bool IsRead, bool IsWrite, bool IsEvalQuirk);

/// <summary>eslint-scope's answer for one file: its free references, or why it could not analyse the file.</summary>
public sealed record EslintScopeResult(string File, IReadOnlyList<EslintFreeReference>? Free, string? Error);

/// <summary>
/// Runs the pinned eslint-scope over many files in one Node process (<c>tests/js/eslint-scope-dump.mjs</c>),
/// caching the answers under <see cref="RepoPaths.CacheDir"/> keyed by the lock file, the dumper and the request list.
/// </summary>
public static class EslintScopeOracle
{
    public static IReadOnlyList<EslintScopeResult> Dump(IReadOnlyList<(string FullPath, bool IsModule)> requests)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var input = new StringBuilder();
        foreach (var (path, isModule) in requests)
        {
            input.Append(isModule ? "module" : "script").Append('\t').Append(path).Append('\n');
        }

        var text = input.ToString();
        var cacheFile = Path.Combine(RepoPaths.CacheDir, $"eslint-scope-{CacheKey(text)}.jsonl");
        if (!File.Exists(cacheFile))
        {
            Directory.CreateDirectory(RepoPaths.CacheDir);
            var temporary = cacheFile + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
            NodeRunner.Run("eslint-scope-dump.mjs", ["--out", temporary], text);
            File.Move(temporary, cacheFile, overwrite: true);
        }

        var results = new List<EslintScopeResult>(requests.Count);
        foreach (var line in File.ReadLines(cacheFile))
        {
            results.Add(ParseLine(line));
        }

        if (results.Count != requests.Count)
        {
            throw new InvalidDataException($"eslint-scope-dump returned {results.Count} results for {requests.Count} requests.");
        }

        return results;
    }

    private static EslintScopeResult ParseLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var file = root.GetProperty("file").GetString()!;
        if (!root.GetProperty("ok").GetBoolean())
        {
            return new EslintScopeResult(file, null, root.GetProperty("error").GetString());
        }

        var free = new List<EslintFreeReference>();
        foreach (var entry in root.GetProperty("free").EnumerateArray())
        {
            var flags = entry[2].GetString()!;
            free.Add(new EslintFreeReference(
                entry[0].GetString()!,
                entry[1].GetInt32(),
                flags.Contains('R', StringComparison.Ordinal),
                flags.Contains('W', StringComparison.Ordinal),
                entry[3].GetInt32() == 1));
        }

        return new EslintScopeResult(file, free, null);
    }

    private static string CacheKey(string input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(RepoPaths.TestsDir, "package-lock.json")));
        hash.AppendData(File.ReadAllBytes(Path.Combine(RepoPaths.JsDir, "eslint-scope-dump.mjs")));
        hash.AppendData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
