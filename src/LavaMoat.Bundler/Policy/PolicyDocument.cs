using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace LavaMoat.Bundler.Policy;

/// <summary>The result of loading a policy file: the document when it is usable, and every problem found.</summary>
public sealed record PolicyLoadResult(PolicyDocument? Document, ImmutableArray<PolicyDiagnostic> Diagnostics)
{
    public bool Succeeded => Document is not null && !Diagnostics.Any(d => d.Severity == PolicySeverity.Error);
}

/// <summary>
/// A validated <c>policy.json</c> / <c>policy-override.json</c> / <c>policy-debug.json</c> as written, including the
/// fields we do not use (<c>meta</c>, <c>native</c>, <c>env</c>, <c>resolutions</c>, <c>root</c>, <c>include</c>,
/// <c>debugInfo</c>, unknown top-level keys), so merging and writing it back loses nothing LavaMoat would keep.
/// Immutable: the tree is never exposed.
/// </summary>
public sealed class PolicyDocument
{
    private static readonly string[] ResourceKeys = ["globals", "packages", "builtin", "native", "meta", "env"];

    internal PolicyDocument(PolicyJsonObject root, string file)
    {
        Root = root;
        File = file;
    }

    internal PolicyJsonObject Root { get; }

    /// <summary>The file it came from, as diagnostics name it (empty for a document built in memory).</summary>
    public string File { get; }

    /// <summary>A document with no resources: what LavaMoat writes for a missing override (<c>{"resources":{}}</c>).</summary>
    public static PolicyDocument Empty { get; } = new(
        new PolicyJsonObject([new PolicyJsonMember("resources", PolicyJsonObject.Empty)]), "");

    /// <summary>
    /// Reads and validates a policy file. A missing file gives a null document and no diagnostics (LavaMoat treats a
    /// missing policy as empty and a missing override as none); <paramref name="displayPath"/> names it in diagnostics.
    /// </summary>
    public static PolicyLoadResult Load(string path, string displayPath)
    {
        // The usual missing override is answered without an exception: a process's first one costs milliseconds
        // (the runtime compiles its exception dispatch first). The catch below still covers a file deleted meanwhile.
        if (!Path.Exists(path))
        {
            return new PolicyLoadResult(null, []);
        }

        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new PolicyLoadResult(null, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyLoadResult(null, [new PolicyDiagnostic(PolicyCodes.Unreadable, PolicySeverity.Error, displayPath, null, 0, 0, $"cannot read the policy file: {e.Message}")]);
        }

        return Parse(bytes, displayPath);
    }

    /// <summary>Parses and validates policy JSON (UTF-8).</summary>
    public static PolicyLoadResult Parse(byte[] utf8, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        PolicyJsonNode root;
        try
        {
            root = PolicyJsonReader.Parse(utf8);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = cut >= 0 ? message[..cut] : message;
            return new PolicyLoadResult(null, [new PolicyDiagnostic(PolicyCodes.MalformedJson, PolicySeverity.Error, displayPath, null, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "malformed JSON: " + message)]);
        }
        catch (InvalidOperationException e)
        {
            return new PolicyLoadResult(null, [new PolicyDiagnostic(PolicyCodes.MalformedJson, PolicySeverity.Error, displayPath, null, 0, 0, "malformed JSON: " + e.Message)]);
        }

        var diagnostics = new List<PolicyDiagnostic>();
        new Validator(displayPath, diagnostics).Policy(root);
        var ok = !diagnostics.Any(d => d.Severity == PolicySeverity.Error);
        return new PolicyLoadResult(ok ? new PolicyDocument((PolicyJsonObject)root, displayPath) : null, [.. diagnostics]);
    }

    /// <summary>Parses and validates policy JSON text.</summary>
    public static PolicyLoadResult Parse(string json, string displayPath) => Parse(Encoding.UTF8.GetBytes(json), displayPath);

    /// <summary>
    /// The document as LavaMoat writes it (<c>jsonStringifySortedPolicy</c>): keys sorted with the reversed-<c>&gt;</c>
    /// comparator, 2-space indent, no trailing newline.
    /// </summary>
    public string Serialize() => PolicyJsonWriter.Stringify(Root);

    /// <summary>Writes <see cref="Serialize"/> as UTF-8 without a BOM, creating the folder (as LavaMoat's writer does).</summary>
    public void WriteTo(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        System.IO.File.WriteAllText(path, Serialize(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Canonical names in <c>resources</c>, in file order.</summary>
    public IReadOnlyList<string> ResourceNames =>
        Root.Get("resources") is PolicyJsonObject resources ? [.. resources.Members.Select(m => m.Key)] : [];

    /// <summary>The permissions the bundle enforces (globals, packages, builtin); the other fields do not affect it.</summary>
    public LavaMoatPolicy ToPolicy()
    {
        var result = new Dictionary<string, PackagePolicy>(StringComparer.Ordinal);
        if (Root.Get("resources") is not PolicyJsonObject resources)
        {
            return new LavaMoatPolicy(result);
        }

        foreach (var (name, value) in resources.Members)
        {
            var resource = (PolicyJsonObject)value;
            var globals = new Dictionary<string, GlobalAccess>(StringComparer.Ordinal);
            if (resource.Get("globals") is PolicyJsonObject g)
            {
                foreach (var (path, access) in g.Members)
                {
                    globals[path] = access switch
                    {
                        PolicyJsonBool { Value: true } => GlobalAccess.Read,
                        PolicyJsonString => GlobalAccess.Write,
                        _ => GlobalAccess.Deny,
                    };
                }
            }

            result[name] = new PackagePolicy(globals, Booleans(resource.Get("packages")), Booleans(resource.Get("builtin")));
        }

        return new LavaMoatPolicy(result);
    }

    /// <summary>
    /// A document for a policy built in memory (e.g. generated). Like lavamoat-core's generator, a resource gets only
    /// the sections that have entries.
    /// </summary>
    public static PolicyDocument FromPolicy(LavaMoatPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var resources = new List<PolicyJsonMember>();
        foreach (var (name, package) in policy.Resources)
        {
            var sections = new List<PolicyJsonMember>();
            if (package.Globals.Count > 0)
            {
                sections.Add(new("globals", PolicyJsonObject.From(package.Globals.Select(g => new PolicyJsonMember(g.Key, g.Value switch
                {
                    GlobalAccess.Read => new PolicyJsonBool(true),
                    GlobalAccess.Write => new PolicyJsonString("write"),
                    _ => (PolicyJsonNode)new PolicyJsonBool(false),
                })))));
            }

            if (package.Packages.Count > 0)
            {
                sections.Add(new("packages", PolicyJsonObject.From(package.Packages.Select(p => new PolicyJsonMember(p.Key, new PolicyJsonBool(p.Value))))));
            }

            if (package.Builtin.Count > 0)
            {
                sections.Add(new("builtin", PolicyJsonObject.From(package.Builtin.Select(p => new PolicyJsonMember(p.Key, new PolicyJsonBool(p.Value))))));
            }

            resources.Add(new(name, PolicyJsonObject.From(sections)));
        }

        return new PolicyDocument(new PolicyJsonObject([new PolicyJsonMember("resources", PolicyJsonObject.From(resources))]), "");
    }

    private static Dictionary<string, bool> Booleans(PolicyJsonNode? node)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (node is PolicyJsonObject obj)
        {
            foreach (var (key, value) in obj.Members)
            {
                result[key] = value is PolicyJsonBool { Value: true };
            }
        }

        return result;
    }

    internal static string Member(string path, string key)
    {
        var text = new StringBuilder(path).Append('[');
        PolicyJsonWriter.Quote(text, key);
        return text.Append(']').ToString();
    }

    internal static string Describe(PolicyJsonNode node) => node switch
    {
        PolicyJsonObject => "an object",
        PolicyJsonArray => "an array",
        _ => PolicyJsonWriter.Stringify(node),
    };

    // Strictness follows what some LavaMoat tool rejects: lavamoat-browserify's validatePolicy (resources required,
    // values true/false/"write"), the kernel (no "read"/"redefine", no __proto__ paths) and the types (builtin and
    // packages are booleans). Fields LavaMoat carries but does not check are only checked for shape where merging
    // depends on it.
    private sealed class Validator(string file, List<PolicyDiagnostic> diagnostics)
    {
        public void Policy(PolicyJsonNode root)
        {
            if (root is not PolicyJsonObject policy)
            {
                Error(PolicyCodes.WrongShape, "$", root, $"expected a policy object, got {Describe(root)}");
                return;
            }

            var resources = policy.Get("resources");
            if (resources is null)
            {
                Error(PolicyCodes.WrongShape, "$", policy, "missing \"resources\" (an empty policy is {\"resources\": {}})");
            }
            else if (Object("$.resources", resources) is { } resourceMap)
            {
                foreach (var (name, resource) in resourceMap.Members)
                {
                    var at = Member("$.resources", name);
                    PackageName(at, name, resource);
                    Resource(at, resource);
                }
            }

            if (policy.Get("resolutions") is { } resolutions && Object("$.resolutions", resolutions) is { } parents)
            {
                foreach (var (parent, map) in parents.Members)
                {
                    if (Object(Member("$.resolutions", parent), map) is { } entries)
                    {
                        foreach (var (request, target) in entries.Members)
                        {
                            String(Member(Member("$.resolutions", parent), request), target);
                        }
                    }
                }
            }

            if (policy.Get("root") is { } rootField && Object("$.root", rootField) is { } rootObject && rootObject.Get("usePolicy") is { } usePolicy)
            {
                String("$.root.usePolicy", usePolicy);
            }

            if (policy.Get("include") is { } include)
            {
                if (include is not PolicyJsonArray items)
                {
                    Error(PolicyCodes.WrongShape, "$.include", include, $"expected an array, got {Describe(include)}");
                }
                else
                {
                    for (var i = 0; i < items.Items.Length; i++)
                    {
                        var path = $"$.include[{i}]";
                        var item = items.Items[i];
                        if (item is PolicyJsonString)
                        {
                            continue;
                        }

                        if (item is not PolicyJsonObject entry)
                        {
                            Error(PolicyCodes.WrongShape, path, item, $"expected a package name or {{\"name\", \"entry\"}}, got {Describe(item)}");
                            continue;
                        }

                        if (entry.Get("name") is { } n)
                        {
                            String(path + ".name", n);
                        }
                        else
                        {
                            Error(PolicyCodes.WrongShape, path, entry, "missing \"name\"");
                        }

                        if (entry.Get("entry") is { } e)
                        {
                            String(path + ".entry", e);
                        }
                    }
                }
            }

            if (policy.Get("debugInfo") is { } debugInfo)
            {
                Object("$.debugInfo", debugInfo);
            }
        }

        private void Resource(string path, PolicyJsonNode node)
        {
            if (Object(path, node) is not { } resource)
            {
                return;
            }

            foreach (var (key, value) in resource.Members)
            {
                var at = path + "." + key;
                switch (key)
                {
                    case "globals":
                        if (Object(at, value) is { } globals)
                        {
                            foreach (var (global, access) in globals.Members)
                            {
                                var globalAt = Member(at, global);
                                PathSegments(globalAt, global, access);
                                if (access is PolicyJsonBool || access is PolicyJsonString { Value: "write" })
                                {
                                    continue;
                                }

                                var hint = access is PolicyJsonString { Value: "read" or "redefine" }
                                    ? " (LavaMoat's runtime rejects this deprecated or unimplemented value too)"
                                    : "";
                                Error(PolicyCodes.InvalidGlobalValue, globalAt, access, $"expected true, false or \"write\", got {Describe(access)}{hint}");
                            }
                        }

                        break;
                    case "packages":
                    case "builtin":
                        if (Object(at, value) is { } entries)
                        {
                            foreach (var (name, grant) in entries.Members)
                            {
                                var entryAt = Member(at, name);
                                if (key == "builtin")
                                {
                                    PathSegments(entryAt, name, grant);
                                }
                                else
                                {
                                    PackageName(entryAt, name, grant);
                                }

                                if (grant is not PolicyJsonBool)
                                {
                                    Error(PolicyCodes.InvalidBooleanValue, entryAt, grant, $"expected true or false, got {Describe(grant)}");
                                }
                            }
                        }

                        break;
                    case "native":
                        if (value is not PolicyJsonBool)
                        {
                            Error(PolicyCodes.InvalidBooleanValue, at, value, $"expected true or false, got {Describe(value)}");
                        }

                        break;
                    case "meta":
                        Object(at, value);
                        break;
                    case "env":
                        break;
                    default:
                        Error(PolicyCodes.UnknownResourceKey, at, value, $"unknown key \"{key}\" (expected one of {string.Join(", ", ResourceKeys)})");
                        break;
                }
            }
        }

        private void PathSegments(string at, string path, PolicyJsonNode node)
        {
            var segments = path.Split('.');
            if (segments.Contains("__proto__", StringComparer.Ordinal))
            {
                Error(PolicyCodes.InvalidPath, at, node, "\"__proto__\" is not allowed in a policy path");
            }
            else if (segments.Any(s => s.Length == 0))
            {
                Error(PolicyCodes.InvalidPath, at, node, "a policy path may not have an empty segment");
            }
        }

        // JS code that indexes resources by name (LavaMoat's merge and runtime) would treat "__proto__" as the
        // prototype, not a package, and an empty name is no package at all.
        private void PackageName(string at, string name, PolicyJsonNode node)
        {
            if (name.Split('>').Any(s => s.Length == 0 || s == "__proto__"))
            {
                Error(PolicyCodes.InvalidPath, at, node, "not a canonical package name (empty or \"__proto__\" segment)");
            }
        }

        private PolicyJsonObject? Object(string path, PolicyJsonNode node)
        {
            if (node is PolicyJsonObject obj)
            {
                return obj;
            }

            Error(PolicyCodes.WrongShape, path, node, $"expected an object, got {Describe(node)}");
            return null;
        }

        private void String(string path, PolicyJsonNode node)
        {
            if (node is not PolicyJsonString)
            {
                Error(PolicyCodes.WrongShape, path, node, $"expected a string, got {Describe(node)}");
            }
        }

        private void Error(string code, string path, PolicyJsonNode node, string message) =>
            diagnostics.Add(new PolicyDiagnostic(code, PolicySeverity.Error, file, path, node.Line, node.Column, message));
    }
}
