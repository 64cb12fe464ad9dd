using System.Diagnostics;
using System.Globalization;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>
/// Parses a file in a child process (this test assembly run with <c>dotnet exec</c>; see <see cref="EntryPoint"/>).
/// A stack overflow cannot be caught in .NET: it ends the process. Inputs built to find one (100,000 nested
/// brackets) are therefore parsed in a child, so a bug fails one test with the child's stderr instead of
/// killing the whole test run.
/// </summary>
public static class IsolatedParse
{
    /// <summary>What the child printed: <c>tree END</c>, <c>syntax-error INDEX LINE COLUMN DESCRIPTION</c> or <c>crash TYPE MESSAGE</c>.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Accepted => ExitCode == 0 && Output.StartsWith("tree ", StringComparison.Ordinal);

        public bool SyntaxError => ExitCode == 0 && Output.StartsWith("syntax-error ", StringComparison.Ordinal);
    }

    public static Result Run(string source, SourceType sourceType, TimeSpan timeout)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lavamoat-isolated-{Guid.NewGuid():N}.js");
        SourceText.Write(file, source);
        try
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(IsolatedParse).Assembly.Location);
            start.ArgumentList.Add(EntryPoint.IsolatedParseCommand);
            start.ArgumentList.Add(sourceType == SourceType.Module ? "module" : "script");
            start.ArgumentList.Add(file);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return new Result(-1, string.Empty, $"TIMEOUT: no answer within {timeout}");
            }

            process.WaitForExit();
            return new Result(process.ExitCode, stdout.GetAwaiter().GetResult().Trim(), stderr.GetAwaiter().GetResult());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The child's side: parse on a 1 MB-stack thread and print one line.</summary>
    internal static int ChildMain(string goal, string file)
    {
        var source = SourceText.Read(file);
        var outcome = ParseRunner.Parse(source, goal == "module" ? SourceType.Module : SourceType.Script, TimeSpan.FromMinutes(5));
        if (outcome.Tree is { } tree)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tree {tree.End}"));
        }
        else if (outcome.SyntaxError is { } error)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"syntax-error {error.Index} {error.Line} {error.Column} {error.Description}"));
        }
        else if (outcome.Crash is { } crash)
        {
            Console.WriteLine($"crash {crash.GetType().FullName} {crash.Message.ReplaceLineEndings(" ")}");
            Console.Error.WriteLine(crash);
        }
        else
        {
            Console.WriteLine("timeout");
        }

        return 0;
    }

    // `dotnet test` tells the test host where the dotnet executable is; fall back to PATH.
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return "dotnet";
    }
}
