using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Writes the protected bundle: the SES shim, the runtime kernel (lockdown, compartments, policy enforcement,
/// optional scuttling), the module table with each module in its precompiled <c>with</c> wrapper, the embedded
/// policy, and a source map that maps module code back to its files to the column. Nothing in the output calls
/// <c>eval</c> or <c>new Function</c>. Same input, same bytes: no absolute paths, no timestamps, sorted tables.
/// </summary>
public sealed partial class BundleWriter
{
    /// <summary>The one global the runtime defines (frozen, non-writable): <c>loadBundle</c>, <c>loadPolicy</c>, <c>runModule</c>.</summary>
    public const string RuntimeApiName = "LavaMoatBundler";

    private readonly EmbeddedAssets _assets = EmbeddedAssets.Instance;

    /// <summary>
    /// Writes the bundle, or throws <see cref="BundleException"/> naming what is wrong (and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires: a big bundle's writing
    /// and verification take seconds, and Ctrl+C must not wait for them).
    /// </summary>
    public BundleOutput Write(BundleInput input, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = input.Options;
        Validate(input);

        var modules = input.Modules.OrderBy(m => m.Id).ToList();
        var runtime = WriteRuntime(options);
        var sourceMap = options.SourceMap == SourceMapMode.None ? null : new SourceMapBuilder();

        string? mapJson = null;
        var output = new GeneratedText();
        var emitted = new List<EmittedModule>();
        _assets.BundleShell.WriteTo(output, slot =>
        {
            switch (slot)
            {
                case "runtime":
                    output.Append(options.Runtime == RuntimePlacement.Inline ? runtime : "");
                    break;
                case "api":
                    output.Append(RuntimeApiName);
                    break;
                case "modules":
                    foreach (var module in modules)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        WriteModule(output, module, sourceMap, emitted);
                        output.Append("\n");
                    }
                    break;
                case "entries":
                    output.Append(Json(w =>
                    {
                        w.WriteStartArray();
                        foreach (var id in input.Entries)
                        {
                            w.WriteNumberValue(id);
                        }
                        w.WriteEndArray();
                    }));
                    break;
                case "policy":
                    output.Append(Json(w => WritePolicy(w, input.Policy, modules)));
                    break;
                case "sourceMappingUrl":
                    // The last slot: every module has been mapped by now.
                    if (sourceMap is not null)
                    {
                        mapJson = sourceMap.ToJson(Path.GetFileName(options.BundleFileName), options.SourceRoot);
                        output.Append("//# sourceMappingURL=");
                        output.Append(options.SourceMap == SourceMapMode.Inline
                            ? "data:application/json;charset=utf-8;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(mapJson))
                            : Path.GetFileName(options.BundleFileName) + ".map");
                    }
                    break;
                default:
                    throw new InvalidOperationException($"bundle-shell.js: unknown slot {slot}");
            }
        });

        output.Append("\n");

        var bundle = output.ToString();
        BundleVerifier.Verify(bundle, emitted, cancellation);

        return new BundleOutput(
            bundle,
            options.SourceMap == SourceMapMode.External ? mapJson : null,
            options.Runtime == RuntimePlacement.Separate ? runtime + "\n" : null);
    }

    private string WriteRuntime(BundleOptions options)
    {
        var output = new GeneratedText();
        _assets.RuntimePrelude.WriteTo(output, slot =>
        {
            switch (slot)
            {
                case "ses":
                    output.Append(_assets.Ses);
                    break;
                case "kernel":
                    output.Append(_assets.Kernel);
                    break;
                case "config":
                    output.Append(Json(w => WriteRuntimeConfig(w, options)));
                    break;
                default:
                    throw new InvalidOperationException($"runtime-prelude.js: unknown slot {slot}");
            }
        });
        return output.ToString();
    }

    private void WriteModule(GeneratedText output, ModuleRecord module, SourceMapBuilder? sourceMap, List<EmittedModule> emitted)
    {
        var code = NormalizeNewlines(module.Code);
        var entryStart = output.Length;
        var codeStart = -1;
        _assets.ModuleWrapper.WriteTo(output, slot =>
        {
            switch (slot)
            {
                case "id":
                    output.Append(module.Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case "deps":
                    output.Append(Json(w =>
                    {
                        w.WriteStartObject();
                        foreach (var (specifier, id) in module.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
                        {
                            w.WriteNumber(specifier, id);
                        }
                        w.WriteEndObject();
                    }));
                    break;
                case "async":
                    output.Append(module.Shape == ModuleShape.AsyncEsModule ? "async " : "");
                    break;
                case "params":
                    output.Append(module.Shape == ModuleShape.CommonJs
                        ? "require, module, exports" + (module.HelperName is { } helper ? ", " + helper : "")
                        : module.HelperName ?? throw new BundleException("LMB3009", $"{module.File}: an ES module needs a helper name"));
                    break;
                case "code":
                    codeStart = output.Length;
                    if (sourceMap is not null && module.Source is not null)
                    {
                        AddMappings(sourceMap, module, code, output.Line, output.Column);
                    }
                    output.Append(code);
                    break;
                case "meta":
                    output.Append(Json(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("package", module.PackageName);
                        w.WriteString("file", module.File);
                        if (module.Shape != ModuleShape.CommonJs)
                        {
                            w.WriteBoolean("esm", true);
                        }
                        if (module.Shape == ModuleShape.AsyncEsModule)
                        {
                            w.WriteBoolean("async", true);
                        }
                        w.WriteEndObject();
                    }));
                    break;
                default:
                    throw new InvalidOperationException($"module-wrapper.js: unknown slot {slot}");
            }
        });
        // The template ends with the entry's closing "]" and the "," that separates entries.
        emitted.Add(new EmittedModule(module.Id, module.File, entryStart, output.Length - 1, codeStart, codeStart + code.Length));
    }

    private static void AddMappings(SourceMapBuilder sourceMap, ModuleRecord module, string code, int line, int column)
    {
        var source = module.Source!;
        var index = sourceMap.AddSource(module.File, source.OriginalText);
        if (source.Mappings is { } mappings)
        {
            foreach (var m in mappings)
            {
                sourceMap.Add(line + m.GeneratedLine, (m.GeneratedLine == 0 ? column : 0) + m.GeneratedColumn, index, m.OriginalLine, m.OriginalColumn);
            }
            return;
        }
        // Identity: one segment at every token start, so any token maps to its own line and column.
        var codeLine = 0;
        var lineStart = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '\n')
            {
                codeLine++;
                lineStart = i + 1;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            if (TokenStarts.StartsToken(code, i, lineStart))
            {
                var generatedColumn = (codeLine == 0 ? column : 0) + (i - lineStart);
                sourceMap.Add(line + codeLine, generatedColumn, index, codeLine, i - lineStart);
            }
        }
    }

    private static string NormalizeNewlines(string code) =>
        // CRLF and CR are line terminators to JavaScript and normalised to LF inside template literals, so this
        // changes no meaning; it makes the line count of the bundle unambiguous for source maps.
        code.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static void Validate(BundleInput input)
    {
        var options = input.Options;
        var lockdownErrors = options.Lockdown.Validate();
        if (lockdownErrors.Count > 0)
        {
            throw new BundleException("LMB3001", string.Join("; ", lockdownErrors));
        }
        foreach (var exception in options.Scuttle?.Exceptions ?? [])
        {
            if (string.IsNullOrEmpty(exception) || (exception.StartsWith('/') && !ScuttleRegExp().IsMatch(exception)))
            {
                throw new BundleException("LMB3002", $"scuttling exception \"{exception}\" is neither a global name nor /pattern/flags");
            }
        }
        var policyErrors = input.Policy.Validate();
        if (policyErrors.Count > 0)
        {
            throw new BundleException("LMB3003", "invalid policy: " + string.Join("; ", policyErrors));
        }

        var ids = new HashSet<int>();
        foreach (var module in input.Modules)
        {
            if (!ids.Add(module.Id))
            {
                throw new BundleException("LMB3008", $"module id {module.Id} is used twice ({module.File})");
            }
            if (string.IsNullOrEmpty(module.PackageName))
            {
                throw new BundleException("LMB3009", $"{module.File}: module {module.Id} has no package name");
            }
            if (module.File.Length == 0 || module.File.StartsWith('/') || module.File.Contains('\\', StringComparison.Ordinal)
                || (module.File.Length > 1 && module.File[1] == ':'))
            {
                throw new BundleException("LMB3007", $"module {module.Id}: file \"{module.File}\" must be relative to the project root, with forward slashes");
            }
        }
        var external = input.ExternalModuleIds ?? new HashSet<int>();
        foreach (var module in input.Modules)
        {
            foreach (var (specifier, id) in module.Dependencies)
            {
                if (!ids.Contains(id) && !external.Contains(id))
                {
                    throw new BundleException("LMB3006", $"{module.File}: \"{specifier}\" resolves to module {id}, which is not in the bundle");
                }
            }
        }
        foreach (var entry in input.Entries)
        {
            if (!ids.Contains(entry) && !external.Contains(entry))
            {
                throw new BundleException("LMB3006", $"entry module {entry} is not in the bundle");
            }
        }
    }

    private static void WriteRuntimeConfig(Utf8JsonWriter w, BundleOptions options)
    {
        w.WriteStartObject();
        w.WriteString("apiName", RuntimeApiName);
        w.WriteBoolean("debugMode", options.DebugMode);
        w.WriteBoolean("statsMode", options.StatsMode);
        w.WritePropertyName("lockdown");
        options.Lockdown.WriteJson(w);
        if (options.Scuttle is { } scuttle)
        {
            w.WriteStartObject("scuttle");
            w.WriteBoolean("enabled", true);
            w.WriteStartArray("exceptions");
            foreach (var exception in scuttle.Exceptions)
            {
                w.WriteStringValue(exception);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter w, LavaMoatPolicy policy, IReadOnlyList<ModuleRecord> modules)
    {
        // Only what this bundle's packages need; the root gets everything regardless of policy.
        var names = modules.Select(m => m.PackageName)
            .Where(n => n != LavaMoatPolicy.RootPackageName && policy.Resources.ContainsKey(n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteStartObject("resources");
        foreach (var name in names)
        {
            var package = policy.Resources[name];
            w.WriteStartObject(name);
            if (package.Globals.Count > 0)
            {
                w.WriteStartObject("globals");
                foreach (var (path, access) in package.Globals.OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    switch (access)
                    {
                        case GlobalAccess.Deny:
                            w.WriteBoolean(path, false);
                            break;
                        case GlobalAccess.Read:
                            w.WriteBoolean(path, true);
                            break;
                        case GlobalAccess.Write:
                            w.WriteString(path, "write");
                            break;
                        default:
                            throw new InvalidOperationException($"unknown global access {access}");
                    }
                }
                w.WriteEndObject();
            }
            WriteFlags(w, "packages", package.Packages);
            WriteFlags(w, "builtin", package.Builtin);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFlags(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, bool> flags)
    {
        if (flags.Count == 0)
        {
            return;
        }
        w.WriteStartObject(name);
        foreach (var (key, value) in flags.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            w.WriteBoolean(key, value);
        }
        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [GeneratedRegex(@"^/.+/[dgimsuvy]*$", RegexOptions.Singleline)]
    private static partial Regex ScuttleRegExp();
}
