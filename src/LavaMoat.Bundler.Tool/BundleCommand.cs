using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Tool;

/// <summary>How diagnostics and results are printed (<c>--format</c>).</summary>
internal enum OutputFormat
{
    /// <summary>For people: paths relative to the current directory, a progress line.</summary>
    Text,

    /// <summary>One JSON document on stdout for scripts and CI.</summary>
    Json,

    /// <summary>Canonical <c>file(line,col): error CODE: text</c> with full paths, for MSBuild's Exec/ToolTask and IDEs.</summary>
    MSBuild,
}

/// <summary>The process exit codes; scripts and the MSBuild fallback rely on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    public const int BuildFailed = 1;

    public const int Usage = 2;

    /// <summary>128 + SIGINT, what shells report for a command stopped by Ctrl+C.</summary>
    public const int Cancelled = 130;
}

/// <summary>One checked bundling run: the library request plus how to report on it.</summary>
internal sealed record BundleInvocation(BundleRequest Request, OutputFormat Format, string CurrentDirectory);

/// <summary>Either a run to do or the one-line reason the command line is not one.</summary>
internal sealed record RequestMapping(BundleInvocation? Invocation, string? UsageError)
{
    public static RequestMapping Error(string message) => new(null, message);
}

/// <summary>
/// The root command, <c>dotnet lavamoat-bundle &lt;entry…&gt; -o &lt;file&gt;</c>: option names are kebab-case, and the
/// names LavaMoat's browserify plugin uses for the same settings are accepted as aliases so commands carry over.
/// </summary>
internal sealed class BundleCommand
{
    public const string ToolName = "lavamoat-bundle";

    private readonly Argument<string[]> entries = new("entry")
    {
        // Checked in CreateRequest rather than by arity, for a message that says what is missing and how to fix it.
        Arity = ArgumentArity.ZeroOrMore,
        Description = "Entry files, run in this order (relative to the current directory).",
    };

    private readonly Option<string> output = new("--output", "-o", "--outfile")
    {
        Description = "(required) The bundle file to write; the source map (and a separate runtime) go beside it.",
    };

    private readonly Option<string?> policy = new("--policy", "-p")
    {
        Description = "policy.json to use [default: lavamoat/<policy-name>/policy.json under the project root].",
    };

    private readonly Option<string?> policyOverride = new("--override", "--policy-override", "--policyOverride")
    {
        Description = "policy-override.json, merged over the policy at bundle time [default: beside the default policy].",
    };

    private readonly Option<string?> policyDebug = new("--policy-debug", "--policyDebug")
    {
        Description = "Also write policy-debug.json (why each permission is needed) to this path.",
    };

    private readonly Option<string> policyName = new("--policy-name", "--policyName", "--pn")
    {
        DefaultValueFactory = _ => PolicyPaths.DefaultPolicyName,
        Description = "The policy set's folder under lavamoat/.",
    };

    private readonly Option<bool> autoPolicy = new("--autopolicy", "-a", "--writeAutoPolicy")
    {
        Description = "Generate policy.json (and policy-debug.json) from the code, then bundle with it.",
    };

    // LavaMoat's writeAutoPolicyDebug: autopolicy that also writes policy-debug.json. Kept as its own switch
    // (not an alias of --autopolicy) so the debug file is asked for explicitly whatever the pipeline's default.
    private readonly Option<bool> autoPolicyDebug = new("--autopolicy-debug", "--writeAutoPolicyDebug", "--debugpolicy", "--dp")
    {
        Description = "Like --autopolicy, and write policy-debug.json beside the policy.",
    };

    private readonly Option<bool> checkPolicy = new("--check-policy", "--checkPolicy")
    {
        Description = "Fail when the code needs permissions the policy lacks; write nothing.",
    };

    private readonly Option<string?> projectRoot = new("--project-root", "--projectRoot", "-r")
    {
        Description = "The app's folder [default: the nearest folder with a package.json above the first entry, else the current directory].",
    };

    private readonly Option<bool> scuttle = new("--scuttle", "--scuttleGlobalThis")
    {
        Description = "Make the real global's properties throw once the root compartment has what it needs.",
    };

    private readonly Option<string[]> scuttleExcept = new("--scuttle-except", "--scuttleGlobalThisExceptions")
    {
        Description = "A global that stays usable under --scuttle: a name or /pattern/flags (repeatable; implies --scuttle).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> runtime = new("--runtime")
    {
        DefaultValueFactory = _ => "inline",
        Description = "Where the SES runtime goes: at the start of the bundle, or a separate file loaded first.",
    };

    private readonly Option<string> sourceMap = new("--sourcemap", "--source-map")
    {
        DefaultValueFactory = _ => "external",
        Description = "Source map delivery: a .map file beside the bundle, a data: URL inside it, or none.",
    };

    private readonly Option<bool> debug = new("--debug", "--debugMode", "-d")
    {
        Description = "Readable errors, more logging and a debug API. Never for production.",
    };

    private readonly Option<bool> stats = new("--stats", "--statsMode")
    {
        Description = "Record per-module initialisation times (readable through the runtime API).",
    };

    private readonly Option<bool> strictBuiltins = new("--strict-builtins", "--strictBuiltins")
    {
        Description = "A Node builtin with no installed polyfill is an error instead of an empty module.",
    };

    private readonly Option<string> nodeEnv = new("--node-env", "--nodeEnv")
    {
        DefaultValueFactory = _ => "production",
        HelpName = "production|development|…|none",
        Description = "Replace process.env.NODE_ENV with this string and drop the code it makes dead (React's development build with \"production\"); none keeps run-time reads.",
    };

    private readonly Option<bool> noTreeShaking = new("--no-tree-shaking", "--noTreeShaking")
    {
        Description = "Bundle every ES module reached, also the unused ones of packages whose package.json declares sideEffects (left out by default).",
    };

    private readonly Option<string> format = new("--format")
    {
        DefaultValueFactory = _ => "text",
        Description = "Diagnostics and results as text (people), json (one document on stdout) or msbuild (canonical, full paths).",
    };

    public BundleCommand()
    {
        // With an argument that takes any number of values, the parser files an unknown option under the entries.
        entries.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.StartsWith('-'))
                {
                    result.AddError($"unknown option '{value}' (an entry file whose name starts with '-' is passed as ./{value}).");
                }
            }
        });
        OneOf(runtime, "inline", "separate");
        OneOf(sourceMap, "external", "inline", "none");
        OneOf(format, "text", "json", "msbuild");
        nodeEnv.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value != "none" && NodeEnvFolding.Validate(value) is { } problem)
            {
                result.AddError($"--node-env '{value}' {problem}.");
            }
        });
        Root = new RootCommand("LavaMoat.Bundler: bundles npm JavaScript for the browser with each package confined to its own SES compartment.")
        {
            entries, output, policy, policyOverride, policyDebug, policyName, autoPolicy, autoPolicyDebug, checkPolicy,
            projectRoot, scuttle, scuttleExcept, runtime, sourceMap, debug, stats, strictBuiltins, nodeEnv, noTreeShaking, format,
            InspectCommand.Create(),
        };
        Root.SetAction(async (ParseResult result, CancellationToken cancellation) =>
        {
            var mapping = CreateRequest(result, Environment.CurrentDirectory);
            if (mapping.Invocation is not { } invocation)
            {
                Usage.Report([mapping.UsageError!], result, Console.Error);
                return ExitCodes.Usage;
            }

            // Off the invocation thread so the pipeline's synchronous work never delays Ctrl+C handling.
            return await Task.Run(() => Execute(invocation, BundlePipeline.Run, Console.Out, Console.Error, cancellation), CancellationToken.None)
                .ConfigureAwait(false);
        });
    }

    // AcceptOnlyFromAmong's message spans lines and does not name the option; this one does, on one line.
    private static void OneOf(Option<string> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.HelpName = string.Join('|', values);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!values.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} '{value}' is not one of {string.Join(", ", values)}.");
            }
        });
    }

    /// <summary>The whole command line: bundling as the default action, <c>inspect</c> as a subcommand.</summary>
    public RootCommand Root { get; }

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>
    /// Turns a parsed command line into a request: relative paths become full paths against
    /// <paramref name="currentDirectory"/>, the project root is found, and what the parser cannot know is checked
    /// (contradictions, well-formed scuttle exceptions). Reads the file system only to find the project root.
    /// </summary>
    public RequestMapping CreateRequest(ParseResult result, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var entryPaths = result.GetValue(entries) ?? [];
        if (entryPaths.Length == 0)
        {
            return RequestMapping.Error("no entry file given: dotnet lavamoat-bundle <entry.js>... -o <bundle.js>");
        }

        if (entryPaths.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            return RequestMapping.Error("an entry file name is empty.");
        }

        var fullEntries = entryPaths.Select(e => Path.GetFullPath(e, currentDirectory)).ToImmutableArray();

        var outputText = result.GetValue(output);
        if (outputText is null)
        {
            return RequestMapping.Error("no output file given: add -o <bundle.js> (--output).");
        }

        if (string.IsNullOrWhiteSpace(outputText))
        {
            return RequestMapping.Error("--output needs a file name.");
        }

        var outputPath = Path.GetFullPath(outputText, currentDirectory);
        if (Path.EndsInDirectorySeparator(outputText) || Directory.Exists(outputPath))
        {
            return RequestMapping.Error($"--output '{outputText}' is a folder; give the bundle's file name (for example {Path.Combine(outputText, "app.js")}).");
        }

        if (fullEntries.Contains(outputPath, StringComparer.Ordinal))
        {
            return RequestMapping.Error($"--output '{outputText}' is also an entry; the bundle would overwrite its own source.");
        }

        var auto = result.GetValue(autoPolicy) || result.GetValue(autoPolicyDebug);
        if (auto && result.GetValue(checkPolicy))
        {
            return RequestMapping.Error("--autopolicy and --check-policy cannot be used together: one rewrites the policy from the code, the other checks the code against it.");
        }

        var name = result.GetValue(policyName) ?? PolicyPaths.DefaultPolicyName;
        if (CheckPolicyName(name) is { } nameError)
        {
            return RequestMapping.Error(nameError);
        }

        string root;
        if (result.GetValue(projectRoot) is { } rootText)
        {
            root = Path.GetFullPath(rootText, currentDirectory);
            if (!Directory.Exists(root))
            {
                return RequestMapping.Error($"--project-root '{rootText}' is not a folder.");
            }
        }
        else
        {
            root = FindProjectRoot(fullEntries[0], currentDirectory);
        }

        var exceptions = result.GetValue(scuttleExcept) ?? [];
        foreach (var exception in exceptions)
        {
            if (CheckScuttleException(exception) is { } exceptionError)
            {
                return RequestMapping.Error(exceptionError);
            }
        }

        string? Full(Option<string?> option) => result.GetValue(option) is { } path ? Path.GetFullPath(path, currentDirectory) : null;

        var debugPath = Full(policyDebug);
        if (result.GetValue(autoPolicyDebug))
        {
            debugPath ??= new PolicyPaths(root, name).Debug;
        }

        var request = new BundleRequest(root, fullEntries, outputPath)
        {
            PolicyName = name,
            PolicyPath = Full(policy),
            OverridePath = Full(policyOverride),
            PolicyDebugPath = debugPath,
            AutoPolicy = auto,
            CheckPolicy = result.GetValue(checkPolicy),
            // Exceptions only mean something with scuttling, so giving one turns it on rather than being ignored.
            Scuttle = result.GetValue(scuttle) || exceptions.Length > 0 ? new ScuttleOptions([.. exceptions]) : null,
            Runtime = result.GetValue(runtime) == "separate" ? RuntimePlacement.Separate : RuntimePlacement.Inline,
            SourceMap = result.GetValue(sourceMap) switch
            {
                "inline" => SourceMapMode.Inline,
                "none" => SourceMapMode.None,
                _ => SourceMapMode.External,
            },
            DebugMode = result.GetValue(debug),
            StatsMode = result.GetValue(stats),
            StrictBuiltins = result.GetValue(strictBuiltins),
            NodeEnv = result.GetValue(nodeEnv) is { } env && env != "none" ? env : null,
            TreeShaking = !result.GetValue(noTreeShaking),
        };
        var outputFormat = result.GetValue(format) switch
        {
            "json" => OutputFormat.Json,
            "msbuild" => OutputFormat.MSBuild,
            _ => OutputFormat.Text,
        };
        return new RequestMapping(new BundleInvocation(request, outputFormat, currentDirectory), null);
    }

    /// <summary>The folder of the nearest package.json above the entry: where the app's dependencies are declared.</summary>
    internal static string FindProjectRoot(string entryFullPath, string currentDirectory)
    {
        for (var dir = Path.GetDirectoryName(entryFullPath); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "package.json")))
            {
                return dir;
            }
        }

        return currentDirectory;
    }

    private static string? CheckPolicyName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name is "." or ".."
            || name.IndexOfAny(['/', '\\']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return $"--policy-name '{name}' must be a plain folder name (it becomes lavamoat/<name>/).";
        }

        return null;
    }

    // The flags JavaScript's RegExp accepts; the runtime rebuilds each exception with new RegExp(pattern, flags).
    private const string RegExpFlags = "dgimsuyv";

    /// <summary>Null when <paramref name="value"/> is a usable scuttling exception, else why not.</summary>
    internal static string? CheckScuttleException(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "--scuttle-except needs a global name or a /pattern/flags regular expression, not an empty value.";
        }

        if (value[0] != '/')
        {
            return value.Any(char.IsWhiteSpace) ? $"--scuttle-except '{value}': a global name has no spaces." : null;
        }

        var close = value.LastIndexOf('/');
        if (close == 0)
        {
            return $"--scuttle-except '{value}': a regular expression is written /pattern/flags and this one has no closing '/'.";
        }

        var pattern = value[1..close];
        var flags = value[(close + 1)..];
        if (pattern.Length == 0)
        {
            return $"--scuttle-except '{value}': the regular expression's pattern is empty.";
        }

        foreach (var flag in flags)
        {
            if (!RegExpFlags.Contains(flag, StringComparison.Ordinal))
            {
                return $"--scuttle-except '{value}': '{flag}' is not a regular expression flag (use {RegExpFlags}).";
            }
        }

        if (flags.Distinct().Count() != flags.Length || (flags.Contains('u', StringComparison.Ordinal) && flags.Contains('v', StringComparison.Ordinal)))
        {
            return $"--scuttle-except '{value}': the flags '{flags}' repeat a flag or combine u and v.";
        }

        try
        {
            // .NET's syntax is close to JavaScript's: this catches unbalanced groups, classes and quantifiers before
            // the bundle fails in the browser. Patterns must keep to the common subset (no [^] or \u{…}).
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            return $"--scuttle-except '{value}': not a valid regular expression ({e.Message}).";
        }

        return null;
    }

    /// <summary>
    /// Runs one build through <paramref name="pipeline"/> (the real one, or a stand-in in tests) and reports it:
    /// results on <paramref name="stdout"/>; progress, diagnostics (text and msbuild formats) and the summary on
    /// <paramref name="stderr"/>. Returns the exit code.
    /// </summary>
    internal static int Execute(
        BundleInvocation invocation,
        Func<BundleRequest, CancellationToken, BundleResult> pipeline,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellation)
    {
        var request = invocation.Request;
        var printer = new DiagnosticPrinter(invocation.Format, request.ProjectRoot, invocation.CurrentDirectory);
        if (invocation.Format == OutputFormat.Text)
        {
            stderr.WriteLine($"{ToolName}: bundling {string.Join(", ", request.Entries.Select(printer.DisplayPath))} into {printer.DisplayPath(request.OutputPath)}");
        }

        var clock = Stopwatch.StartNew();
        BundleResult result;
        try
        {
            result = pipeline(request, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            stderr.WriteLine($"{ToolName}: cancelled");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last line of defence: a crash must still end with one readable line, not a stack dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"{ToolName}: internal error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.BuildFailed;
        }

        var elapsed = result.Stats.Elapsed > TimeSpan.Zero ? result.Stats.Elapsed : clock.Elapsed;
        if (invocation.Format == OutputFormat.Json)
        {
            stdout.Write(printer.Json(result, elapsed));
        }
        else
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                stderr.WriteLine(printer.Format(diagnostic));
            }

            foreach (var file in result.WrittenFiles)
            {
                stdout.WriteLine(printer.DisplayPath(file));
            }
        }

        stderr.WriteLine(Summary(result, elapsed));
        if (!result.Stats.Phases.IsEmpty && Environment.GetEnvironmentVariable("LAVAMOAT_BUNDLE_TIMINGS") is "1")
        {
            // For profiling (bench/README.md): where the wall time of the build went, stage by stage.
            stderr.WriteLine($"{ToolName}: stages: " + string.Join(", ", result.Stats.Phases.Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Elapsed.TotalSeconds:0.000} s {p.AllocatedBytes / 1048576} MB"))));
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ToolName}: GC: {GC.GetTotalAllocatedBytes() / 1048576} MB allocated, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), paused {GC.GetTotalPauseDuration().TotalSeconds:0.000} s; JIT: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods in {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.000} s"));
        }

        return result.Success ? ExitCodes.Success : ExitCodes.BuildFailed;
    }

    /// <summary>
    /// The one-line summary. It never reads as a canonical MSBuild diagnostic (no "error CODE:" shape), so Exec
    /// does not count it as one more error.
    /// </summary>
    internal static string Summary(BundleResult result, TimeSpan elapsed)
    {
        var errors = result.Diagnostics.Count(d => d.IsError);
        var warnings = result.Diagnostics.Length - errors;
        var seconds = elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (!result.Success)
        {
            return $"{ToolName}: build failed with {Count(errors, "error")} and {Count(warnings, "warning")} in {seconds} s";
        }

        var stats = result.Stats;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{ToolName}: {Count(stats.Modules, "module")}, {Count(stats.Packages, "package")}, {stats.BundleBytes} bytes in {seconds} s");
        return warnings > 0 ? summary + $" ({Count(warnings, "warning")})" : summary;
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}

/// <summary>Usage errors: one line each, a hint, exit code 2, never a stack trace or a page of help.</summary>
internal static class Usage
{
    public static void Report(IEnumerable<string> messages, ParseResult result, TextWriter stderr)
    {
        foreach (var message in messages)
        {
            // One line per error, so each reads as one canonical "origin: error: text" message under Exec too.
            stderr.WriteLine($"{BundleCommand.ToolName}: error: {message.ReplaceLineEndings(" ")}");
        }

        // Point at the help of the command the user was typing.
        var command = result.CommandResult.Command is RootCommand ? "" : " " + result.CommandResult.Command.Name;
        stderr.WriteLine($"Run 'dotnet {BundleCommand.ToolName}{command} --help' for usage.");
    }
}
