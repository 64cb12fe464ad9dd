using System.Collections.Immutable;
using System.Text.Json;

namespace LavaMoat.Bundler.Resolution;

/// <summary>
/// The fields of a package.json that resolution and naming use. Parsed once per build by
/// <see cref="ResolverFileSystem"/>; <see cref="Exports"/> and <see cref="Imports"/> stay as JSON because their
/// key order is significant (conditions are tried in the order the package wrote them).
/// </summary>
public sealed record PackageJson
{
    /// <summary>Full path of the folder that holds the file.</summary>
    public required string Directory { get; init; }

    /// <summary><c>name</c>, if a string.</summary>
    public string? Name { get; init; }

    /// <summary><c>version</c>, if a string.</summary>
    public string? Version { get; init; }

    /// <summary><c>"type": "module"</c>: the package's <c>.js</c> files are ES modules.</summary>
    public bool IsTypeModule { get; init; }

    /// <summary><c>main</c>, if a non-empty string.</summary>
    public string? Main { get; init; }

    /// <summary><c>module</c>, if a non-empty string.</summary>
    public string? Module { get; init; }

    /// <summary>The string form of <c>browser</c> (replaces the main file).</summary>
    public string? BrowserMain { get; init; }

    /// <summary>
    /// The object form of <c>browser</c>, in file order: key as written, value the replacement or null for
    /// <c>false</c>. Non-string, non-false values are dropped, as browserify and webpack ignore them.
    /// </summary>
    public ImmutableArray<KeyValuePair<string, string?>> BrowserMap { get; init; } = [];

    /// <summary><c>exports</c> unless absent or null.</summary>
    public JsonElement? Exports { get; init; }

    /// <summary><c>imports</c> unless absent or null.</summary>
    public JsonElement? Imports { get; init; }

    /// <summary>Keys of <c>dependencies</c>, in file order.</summary>
    public ImmutableArray<string> Dependencies { get; init; } = [];

    /// <summary>Keys of <c>optionalDependencies</c>, in file order.</summary>
    public ImmutableArray<string> OptionalDependencies { get; init; } = [];

    /// <summary>Keys of <c>peerDependencies</c>, in file order.</summary>
    public ImmutableArray<string> PeerDependencies { get; init; } = [];

    /// <summary>Keys of <c>devDependencies</c>, in file order.</summary>
    public ImmutableArray<string> DevDependencies { get; init; } = [];

    /// <summary>
    /// <c>"sideEffects": false</c>, or the array form's patterns (the files that do have side effects); null when
    /// the field is absent, <c>true</c> or anything else (every file may have side effects).
    /// </summary>
    public ImmutableArray<string>? SideEffectFiles { get; init; }

    /// <summary>
    /// True when the package promises that the file (a path relative to <see cref="Directory"/>, with '/') has
    /// no side effects, so an ES module of it that nothing uses can be left out (webpack's and esbuild's reading
    /// of <c>sideEffects</c>: a pattern without '/' matches the file name at any depth; <c>*</c>, <c>**</c>, <c>?</c>).
    /// </summary>
    public bool IsSideEffectFree(string relativePath) =>
        SideEffectFiles is { } patterns && !patterns.Any(pattern => SideEffectPattern.Matches(pattern, relativePath));

    /// <summary>Parses package.json text. Throws <see cref="JsonException"/> on invalid JSON.</summary>
    public static PackageJson Parse(string directory, ReadOnlyMemory<byte> utf8)
    {
        // Node strips a UTF-8 byte order mark before JSON.parse; the JSON reader does not.
        var bytes = utf8.Span;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            utf8 = utf8[3..];
        }

        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new PackageJson { Directory = directory };
        }

        string? browserMain = null;
        var browserMap = ImmutableArray<KeyValuePair<string, string?>>.Empty;
        if (root.TryGetProperty("browser", out var browser))
        {
            if (browser.ValueKind == JsonValueKind.String)
            {
                browserMain = NonEmpty(browser.GetString());
            }
            else if (browser.ValueKind == JsonValueKind.Object)
            {
                var map = ImmutableArray.CreateBuilder<KeyValuePair<string, string?>>();
                foreach (var entry in browser.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.False)
                    {
                        map.Add(new(entry.Name, null));
                    }
                    else if (entry.Value.ValueKind == JsonValueKind.String && entry.Value.GetString() is { Length: > 0 } target)
                    {
                        map.Add(new(entry.Name, target));
                    }
                }

                browserMap = map.ToImmutable();
            }
        }

        return new PackageJson
        {
            Directory = directory,
            Name = StringField(root, "name"),
            Version = StringField(root, "version"),
            IsTypeModule = StringField(root, "type") == "module",
            Main = NonEmpty(StringField(root, "main")),
            Module = NonEmpty(StringField(root, "module")),
            BrowserMain = browserMain,
            BrowserMap = browserMap,
            Exports = JsonField(root, "exports"),
            Imports = JsonField(root, "imports"),
            Dependencies = Keys(root, "dependencies"),
            OptionalDependencies = Keys(root, "optionalDependencies"),
            PeerDependencies = Keys(root, "peerDependencies"),
            DevDependencies = Keys(root, "devDependencies"),
            SideEffectFiles = root.TryGetProperty("sideEffects", out var sideEffects) ? sideEffects.ValueKind switch
            {
                JsonValueKind.False => [],
                JsonValueKind.Array => [.. sideEffects.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
                _ => null,
            } : null,
        };
    }

    private static string? StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Clone detaches the element from the pooled document so the record can outlive it and be read concurrently.
    private static JsonElement? JsonField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.Clone()
            : null;

    private static ImmutableArray<string> Keys(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var keys = ImmutableArray.CreateBuilder<string>();
        foreach (var property in value.EnumerateObject())
        {
            if (!keys.Contains(property.Name))
            {
                keys.Add(property.Name);
            }
        }

        return keys.ToImmutable();
    }
}
