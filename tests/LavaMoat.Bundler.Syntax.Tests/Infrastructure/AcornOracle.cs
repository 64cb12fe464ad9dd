using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>How <c>acorn-dump.mjs</c> picks the goal: given (script/module) or decided like a bundler (auto).</summary>
public enum AcornMode
{
    Script,
    Module,
    Auto,
}

/// <summary>One file for acorn.</summary>
public sealed record AcornRequest(string FullPath, AcornMode Mode);

/// <summary>acorn's syntax error: message (with acorn's "(line:column)" suffix), offset, 1-based line, 0-based column.</summary>
public sealed record AcornError(string Message, int Pos, int Line, int Column);

/// <summary>
/// acorn's verdict on one file. <see cref="SourceType"/> is the goal it was parsed with; <see cref="Decision"/>
/// says why (<c>explicit</c>, <c>mjs</c>, <c>cjs</c>, <c>type-module</c>, <c>parses-as-script</c>,
/// <c>parses-as-module-only</c>, or <c>rejected-both</c> when neither goal parses). When <see cref="Ok"/>,
/// <see cref="Hash"/> is the SHA-256 (lowercase hex) of the canonical JSON of acorn's tree (keys sorted, see
/// <see cref="EstreeJsonWriter"/> with sortKeys), else <see cref="Error"/> says why acorn rejected it.
/// </summary>
public sealed record AcornResult(
    string File,
    string SourceType,
    string Decision,
    bool Ok,
    string? Hash,
    long JsonLength,
    AcornError? Error)
{
    public bool IsModule => SourceType == "module";

    /// <summary>Neither goal parses: the file must be rejected as a script and as a module.</summary>
    public bool RejectedInBothGoals => Decision == "rejected-both";
}

/// <summary>
/// Runs the pinned acorn over many files in one Node process (<c>tests/js/acorn-dump.mjs</c>) and caches the
/// verdicts under <see cref="RepoPaths.CacheDir"/>, keyed by the lock file, the dumper and the request list,
/// so repeated local runs skip Node. A clean clone has no cache and simply runs Node.
/// </summary>
public static class AcornOracle
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>acorn's verdicts for the requests, in request order.</summary>
    public static IReadOnlyList<AcornResult> Dump(IReadOnlyList<AcornRequest> requests)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var input = RequestText(requests);
        var cacheFile = Path.Combine(RepoPaths.CacheDir, $"acorn-{CacheKey(input, requests)}.jsonl");
        if (!File.Exists(cacheFile))
        {
            Directory.CreateDirectory(RepoPaths.CacheDir);
            // Another test class may be dumping the same list at the same moment: write aside, then move.
            var temporary = cacheFile + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
            NodeRunner.Run("acorn-dump.mjs", ["--out", temporary], input);
            File.Move(temporary, cacheFile, overwrite: true);
        }

        var results = File.ReadAllLines(cacheFile)
            .Select(line => JsonSerializer.Deserialize<AcornResult>(line, JsonOptions) ?? throw new InvalidDataException(line))
            .ToList();
        if (results.Count != requests.Count)
        {
            throw new InvalidDataException($"acorn-dump returned {results.Count} results for {requests.Count} requests.");
        }

        return results;
    }

    /// <summary>
    /// acorn's canonical JSON (keys sorted) for each request, or null where acorn rejects the file. Not cached
    /// and ~40× the source size: only for explaining mismatches.
    /// </summary>
    public static IReadOnlyList<string?> FullJson(IReadOnlyList<AcornRequest> requests)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var dir = Path.Combine(Path.GetTempPath(), "lavamoat-acorn-" + Guid.NewGuid().ToString("N"));
        try
        {
            NodeRunner.Run("acorn-dump.mjs", ["--out", Path.Combine(dir, "results.jsonl"), "--full-dir", dir], RequestText(requests));
            return requests.Select((_, i) =>
            {
                var path = Path.Combine(dir, $"{i}.json");
                return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
            }).ToList();
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>acorn's verdict for every corpus file (in <see cref="Corpus.Files"/> order), goal decided like a bundler.</summary>
    public static IReadOnlyList<AcornResult> DumpCorpus() =>
        Dump(Corpus.Files.Select(f => new AcornRequest(f.FullPath, AcornMode.Auto)).ToList());

    private static string RequestText(IReadOnlyList<AcornRequest> requests)
    {
        var text = new StringBuilder();
        foreach (var request in requests)
        {
            if (request.FullPath.Contains('\n', StringComparison.Ordinal) || request.FullPath.Contains('\t', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unsupported file name: {request.FullPath}");
            }

            text.Append(request.Mode switch
            {
                AcornMode.Script => "script",
                AcornMode.Module => "module",
                _ => "auto",
            }).Append('\t').Append(request.FullPath).Append('\n');
        }

        return text.ToString();
    }

    // Keyed by everything the answer depends on, file contents included (hashing ~10 MB is far cheaper than
    // re-running acorn, and it keeps a reused temporary path from serving a stale verdict).
    private static string CacheKey(string input, IReadOnlyList<AcornRequest> requests)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(RepoPaths.TestsDir, "package-lock.json")));
        hash.AppendData(File.ReadAllBytes(Path.Combine(RepoPaths.JsDir, "acorn-dump.mjs")));
        hash.AppendData(Encoding.UTF8.GetBytes(input));
        foreach (var request in requests)
        {
            hash.AppendData(File.ReadAllBytes(request.FullPath));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
