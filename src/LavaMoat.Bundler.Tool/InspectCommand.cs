using System.CommandLine;
using System.Text;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using JsProgram = LavaMoat.Bundler.Syntax.Ast.Program;

namespace LavaMoat.Bundler.Tool;

/// <summary>
/// <c>inspect</c>: what each file imports and which globals it touches, or with <c>--estree</c> the
/// acorn-compatible tree. It answers the question a user has when a package asks for a permission.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("file") { Arity = ArgumentArity.OneOrMore, Description = "JavaScript files to inspect." };
        var module = new Option<bool>("--module") { Description = "Parse files as ES modules (.mjs always is, .cjs never)." };
        var script = new Option<bool>("--script") { Description = "Parse files as classic scripts (the default)." };
        var estree = new Option<bool>("--estree") { Description = "Print one JSON array: per file, acorn-compatible ESTree JSON or {\"error\": …}." };
        var command = new Command("inspect", "Show each file's imports and free globals (read/write, line:column).")
        {
            files, module, script, estree,
        };
        // A file argument takes any number of values, so the parser files an unknown option (for example a
        // bundling option such as -o given to inspect) under the files; say what it is instead of "file not found".
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option '{token.Value}' for inspect (a file whose name starts with '-' is passed as ./{token.Value}).");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(module) && result.GetValue(script))
            {
                result.AddError("--module and --script cannot be used together.");
            }
        });
        command.SetAction((ParseResult result, CancellationToken cancellation) =>
        {
            var goal = result.GetValue(module) ? SourceType.Module : SourceType.Script;
            var inputs = result.GetValue(files)!;
            return Task.FromResult(result.GetValue(estree)
                ? WriteEstree(inputs, goal, cancellation)
                : WriteReport(inputs, goal, cancellation));
        });
        return command;
    }

    private static SourceType GoalOf(FileInfo file, SourceType requested) => file.Extension switch
    {
        ".mjs" => SourceType.Module,
        ".cjs" => SourceType.Script,
        _ => requested,
    };

    // Keeps a byte-order mark as U+FEFF, as Node's readFileSync does, so offsets equal acorn's.
    private static string ReadSource(FileInfo file)
    {
        using var reader = new StreamReader(file.FullName, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    // Rendered holds the file's text output, made on the worker thread that parsed it (see DeepStack).
    private sealed record Outcome(FileInfo File, SourceType Goal, string? Rendered, SyntaxErrorException? Error, string? IoError);

    private static Outcome[] ParseAll(FileInfo[] files, SourceType requested, Func<FileInfo, SourceType, JsProgram, string> render, CancellationToken cancellation)
    {
        var outcomes = new Outcome[files.Length];
        // Deep-stack workers: the scope analysis and ESTree writing that follow must handle any tree the parser accepts.
        DeepStack.For(files.Length, i =>
        {
            var file = files[i];
            var goal = GoalOf(file, requested);
            string source;
            try
            {
                source = ReadSource(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcomes[i] = new Outcome(file, goal, null, null, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
                return;
            }

            try
            {
                var program = new Parser(new ParserOptions { SourceType = goal, CollectComments = false }).Parse(source);
                outcomes[i] = new Outcome(file, goal, render(file, goal, program), null, null);
            }
            catch (SyntaxErrorException e)
            {
                outcomes[i] = new Outcome(file, goal, null, e, null);
            }
        }, cancellation);
        return outcomes;
    }

    private static int WriteEstree(FileInfo[] files, SourceType requested, CancellationToken cancellation)
    {
        var outcomes = ParseAll(files, requested, (_, _, program) => EstreeJsonWriter.Write(program), cancellation);
        var json = new StringBuilder("[");
        var failed = false;
        for (var i = 0; i < outcomes.Length; i++)
        {
            json.Append(i == 0 ? "\n" : ",\n");
            var outcome = outcomes[i];
            if (outcome.Rendered is { } tree)
            {
                json.Append(tree);
                continue;
            }

            failed = true;
            var (message, line, column) = outcome.Error is { } error ? (error.Description, error.Line, error.Column) : (outcome.IoError!, 0, 0);
            json.Append("{\"error\":{\"message\":").Append(JsonString(message))
                .Append(",\"line\":").Append(line).Append(",\"column\":").Append(column).Append("}}");
        }

        json.Append("\n]\n");
        Console.Out.Write(json.ToString());
        return failed ? 1 : 0;
    }

    // JsonSerializer would need reflection over string, which trimming cannot keep; this escapes the same way.
    private static string JsonString(string text) => "\"" + System.Text.Json.JsonEncodedText.Encode(text) + "\"";

    private static int WriteReport(FileInfo[] files, SourceType requested, CancellationToken cancellation)
    {
        var outcomes = ParseAll(files, requested, Report, cancellation);
        var output = new StringBuilder();
        var failed = false;
        foreach (var outcome in outcomes)
        {
            var name = Path.GetRelativePath(Environment.CurrentDirectory, outcome.File.FullName).Replace('\\', '/');
            if (outcome.Rendered is not { } report)
            {
                failed = true;
                // file(line,col) with a 1-based column: the form editors and MSBuild error lists understand.
                Console.Error.WriteLine(outcome.Error is { } error
                    ? $"{name}({error.Line},{error.Column + 1}): error LMB1001: {error.Description}"
                    : $"{name}: error LMB0001: {outcome.IoError}");
                continue;
            }

            output.Append(name).Append(report);
        }

        Console.Out.Write(output.ToString());
        return failed ? 1 : 0;
    }

    // Text output counts columns from 1, like the file(line,col) diagnostics and every editor.
    private static string Where(Position position) => $"{position.Line}:{position.Column + 1}";

    // Everything after the file name: the goal, imports and globals.
    private static string Report(FileInfo file, SourceType goal, JsProgram program)
    {
        var scopes = ScopeAnalyzer.Analyze(program);
        var output = new StringBuilder();
        output.Append(" (").Append(goal == SourceType.Module ? "module" : "script").Append(")\n");
        AppendImports(output, ImportFinder.Find(program, scopes));
        AppendGlobals(output, scopes.FreeNames);
        output.Append('\n');
        return output.ToString();
    }

    private static void AppendImports(StringBuilder output, IReadOnlyList<ModuleImport> imports)
    {
        output.Append("  imports:").Append(imports.Count == 0 ? " none\n" : "\n");
        var rows = imports.Select(import => (
            Name: import.Specifier ?? "<not a literal: known at run time only>",
            Detail: (import.Kind switch
            {
                ImportKind.Import => "import",
                ImportKind.ExportFrom => "export from",
                ImportKind.Require => "require",
                _ => "import()",
            }) + " " + Where(import.Position))).ToList();
        AppendRows(output, rows);
    }

    private static void AppendRows(StringBuilder output, List<(string Name, string Detail)> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        foreach (var (name, detail) in rows)
        {
            output.Append("    ").Append(name.PadRight(width)).Append("  ").Append(detail).Append('\n');
        }
    }

    private static void AppendGlobals(StringBuilder output, IReadOnlyList<FreeName> names)
    {
        var platform = names.Where(n => !CompartmentGlobals.Names.Contains(n.Name)).ToList();
        var intrinsic = names.Where(n => CompartmentGlobals.Names.Contains(n.Name)).Select(n => n.Name).ToList();
        output.Append("  globals:").Append(platform.Count == 0 ? " none\n" : "\n");
        AppendRows(output, platform.Select(name => (name.Name, ((name.IsRead, name.IsWritten) switch
        {
            (true, true) => "read+write",
            (false, true) => "write     ",
            _ => "read      ",
        }) + "  " + string.Join(", ", name.References.Select(r => Where(r.Identifier.Location.Start))))).ToList());

        if (intrinsic.Count > 0)
        {
            // Every compartment has these already; listed so nothing the code touches goes unmentioned.
            output.Append("  intrinsics (need no policy): ").AppendJoin(", ", intrinsic).Append('\n');
        }
    }
}
