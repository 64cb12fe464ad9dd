using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Syntax;

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

    /// <summary>What ends every module-table entry in module-wrapper.js and separates it from the next.</summary>
    internal const string EntrySeparator = ",";

    /// <summary>The parameters of a CommonJS module's function (a helper's name follows when it has one). The
    /// transform's proof that unedited code reads as the function's body checks against these very names.</summary>
    internal static readonly string[] CommonJsParameters = ["require", "module", "exports"];

    private static readonly string CommonJsParameterList = string.Join(", ", CommonJsParameters);

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
        // Sorted once, for the checks and the output (ids repeated make the order arbitrary, but Validate refuses them).
        var modules = OrdinalOrder.By(input.Modules, static (a, b) => a.Id.CompareTo(b.Id)).ToList();
        Validate(input, modules);

        // Two small tables, but the first to need much of System.Text.Json compiled: that happens while the modules
        // are written.
        var tables = Task.Run(() => (Entries: WriteEntries(input.Entries), Policy: DefaultJson.Write(w => WritePolicy(w, input.Policy, modules))));
        var runtime = WriteRuntime(options);
        var sourceMap = options.SourceMap == SourceMapMode.None ? null : new SourceMapBuilder();

        // No entry's text depends on another's, and its source map segments only on where it lands, so the entries
        // are written, mapped and verified in parallel and only laid end to end here. Failures are reported for the
        // first module in id order, whichever thread found them first. The biggest modules go first, so that no
        // thread is left with a big one while the others have nothing to do.
        var entries = new ModuleEntry[modules.Count];
        var biggestFirst = new int[modules.Count];
        for (var i = 0; i < biggestFirst.Length; i++)
        {
            biggestFirst[i] = i;
        }

        // Ties by id, so the order is total (the work order changes no output, but it stays the same run to run).
        Array.Sort(biggestFirst, (a, b) => modules[a].Code.Length != modules[b].Code.Length ? modules[b].Code.Length.CompareTo(modules[a].Code.Length) : a.CompareTo(b));
        DeepStack.For(
            modules.Count,
            next => entries[biggestFirst[next]] = WriteModule(modules[biggestFirst[next]], sourceMap is not null),
            cancellation);
        if (entries.Select(e => e.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }

        cancellation.ThrowIfCancellationRequested();
        var mapFileName = Path.GetFileName(options.BundleFileName);
        Task<string>? mapJson = null;
        var output = new GeneratedText();
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
                    foreach (var entry in entries)
                    {
                        if (entry.Mappings is { } mappings)
                        {
                            var source = sourceMap!.AddSource(entry.Module.File, entry.QuotedSource!);
                            sourceMap.Append(mappings, source, output.Line + entry.CodeLine, (entry.CodeLine == 0 ? output.Column : 0) + entry.CodeColumn);
                        }
                        output.Append(entry.Text);
                        output.Append(EntrySeparator + "\n");
                    }
                    // Every module is mapped now. Writing the map copies tens of megabytes into a fresh string, and so
                    // does finishing the bundle: the two run side by side when the bundle does not embed the map.
                    if (sourceMap is not null && options.SourceMap == SourceMapMode.External)
                    {
                        mapJson = Task.Run(() => sourceMap.ToJson(mapFileName, options.SourceRoot));
                    }
                    break;
                case "entries":
                    output.Append(tables.GetAwaiter().GetResult().Entries);
                    break;
                case "policy":
                    output.Append(tables.GetAwaiter().GetResult().Policy);
                    break;
                case "sourceMappingUrl":
                    if (sourceMap is not null)
                    {
                        output.Append("//# sourceMappingURL=");
                        if (options.SourceMap == SourceMapMode.Inline)
                        {
                            var inlineMap = sourceMap.ToJson(mapFileName, options.SourceRoot);
                            output.Append("data:application/json;charset=utf-8;base64,");
                            output.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(inlineMap)));
                        }
                        else
                        {
                            output.Append(mapFileName + ".map");
                        }
                    }
                    break;
                default:
                    throw new InvalidOperationException($"bundle-shell.js: unknown slot {slot}");
            }
        });

        output.Append("\n");

        var bundle = output.ToString();
        return new BundleOutput(
            bundle,
            mapJson?.GetAwaiter().GetResult(),
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
                    output.Append(DefaultJson.Write(w => WriteRuntimeConfig(w, options)));
                    break;
                default:
                    throw new InvalidOperationException($"runtime-prelude.js: unknown slot {slot}");
            }
        });
        return output.ToString();
    }

    /// <summary>Wraps, maps and verifies one module; runs on a worker thread.</summary>
    private ModuleEntry WriteModule(ModuleRecord module, bool mapped)
    {
        var code = NormalizeNewlines(module.Code);
        var output = new GeneratedText();
        var (codeStart, codeLine, codeColumn) = (-1, 0, 0);
        _assets.ModuleWrapper.WriteTo(output, slot =>
        {
            switch (slot)
            {
                case "id":
                    output.Append(module.Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case "deps":
                    output.Append(DefaultJson.Dependencies(module.Dependencies));
                    break;
                case "async":
                    output.Append(module.Shape == ModuleShape.AsyncEsModule ? "async " : "");
                    break;
                case "params":
                    // Validate made sure that ES modules have a helper name.
                    output.Append(module.Shape == ModuleShape.CommonJs
                        ? CommonJsParameterList + (module.HelperName is { } helper ? ", " + helper : "")
                        : module.HelperName!);
                    break;
                case "code":
                    (codeStart, codeLine, codeColumn) = (output.Length, output.Line, output.Column);
                    output.Append(code);
                    break;
                case "meta":
                    output.Append(DefaultJson.Meta(module.PackageName, module.File, module.Shape));
                    break;
                default:
                    throw new InvalidOperationException($"module-wrapper.js: unknown slot {slot}");
            }
        });

        // Mapped before the check: malformed transform mappings are an error of the transform, whatever the check
        // would say about the code.
        var mappings = mapped && module.Source is not null ? MapCode(module.Source, code) : null;
        var text = output.ToString(output.Length - EntrySeparator.Length);
        var failure = BundleVerifier.VerifyEntry(text, module, codeStart, codeStart + code.Length);
        var quotedSource = mappings is not null && failure is null ? JsonString.Quote(module.Source!.OriginalText) : null;
        return new ModuleEntry(module, text, codeLine, codeColumn, mappings, quotedSource, failure);
    }

    /// <summary>The source map segments of a module's code, relative to where the code starts.</summary>
    private static MappingRun MapCode(ModuleSource source, string code)
    {
        if (source.Mappings is { } mappings)
        {
            var run = new MappingRun(mappings.Count * 8);
            foreach (var m in mappings)
            {
                run.Add(m.GeneratedLine, m.GeneratedColumn, m.OriginalLine, m.OriginalColumn);
            }
            return run;
        }
        // Identity: one segment at every token start, so any token maps to its own line and column. The encoded
        // segments take 1.1 to 1.8 times as many characters as the code (minified code more).
        var identity = new MappingRun(code.Length + (code.Length / 2));
        var line = 0;
        var lineStart = 0;
        var mappedLine = -1;
        var previous = CharClass.Blank;
        var ascii = TokenStarts.AsciiClasses;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                previous = CharClass.Blank;
                continue;
            }
            var current = c < ascii.Length ? ascii[c] : TokenStarts.Classify(c);
            if (current != CharClass.Blank && (current != CharClass.IdentifierPart || previous != CharClass.IdentifierPart))
            {
                if (line == mappedLine)
                {
                    identity.AddAlongLine(i - lineStart);
                }
                else
                {
                    identity.Add(line, i - lineStart, line, i - lineStart);
                    mappedLine = line;
                }
            }
            previous = current;
        }
        return identity;
    }

    private static string NormalizeNewlines(string code) =>
        // CRLF and CR are line terminators to JavaScript and normalised to LF inside template literals, so this
        // changes no meaning; it makes the line count of the bundle unambiguous for source maps.
        code.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static void Validate(BundleInput input, List<ModuleRecord> modulesById)
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
        foreach (var module in modulesById)
        {
            if (module.Shape != ModuleShape.CommonJs && module.HelperName is null)
            {
                throw new BundleException("LMB3009", $"{module.File}: an ES module needs a helper name");
            }
        }
    }

    private static string WriteEntries(IReadOnlyList<int> entries) => DefaultJson.Write(w =>
    {
        w.WriteStartArray();
        foreach (var id in entries)
        {
            w.WriteNumberValue(id);
        }
        w.WriteEndArray();
    });

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
                foreach (var (path, access) in OrdinalOrder.ByKey(package.Globals))
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
        foreach (var (key, value) in OrdinalOrder.ByKey(flags))
        {
            w.WriteBoolean(key, value);
        }
        w.WriteEndObject();
    }

    [GeneratedRegex(@"^/.+/[dgimsuvy]*$", RegexOptions.Singleline)]
    private static partial Regex ScuttleRegExp();

    /// <summary>One module's table entry, as a worker thread wrote it: the text without the separator after it, where
    /// the code starts in that text, the code's source map segments and the quoted original source, or why the entry
    /// is refused.</summary>
    private sealed record ModuleEntry(
        ModuleRecord Module,
        string Text,
        int CodeLine,
        int CodeColumn,
        MappingRun? Mappings,
        StringBuilder? QuotedSource,
        BundleException? Failure);
}
