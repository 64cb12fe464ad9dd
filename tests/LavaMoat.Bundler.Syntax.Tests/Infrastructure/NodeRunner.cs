using System.Diagnostics;
using System.Text;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>The outcome of one Node process.</summary>
public sealed record NodeResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs our Node scripts (<c>tests/js/*.mjs</c>) with <c>node</c> from PATH, with <c>tests/</c> as the working
/// directory so that <c>import 'acorn'</c> resolves to the pinned packages in <c>tests/node_modules</c>.
/// </summary>
public static class NodeRunner
{
    /// <summary>
    /// Runs <paramref name="script"/> (a path relative to <c>tests/js/</c>, or absolute) with the arguments,
    /// feeding <paramref name="standardInput"/>; throws if Node is missing, times out or exits non-zero.
    /// </summary>
    public static NodeResult Run(string script, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        var result = TryRun(script, arguments, standardInput, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"node {script} exited with {result.ExitCode}.\nstderr:\n{Truncate(result.StandardError)}\nstdout:\n{Truncate(result.StandardOutput)}");
        }

        return result;
    }

    /// <summary>Like <see cref="Run"/> but returns a non-zero exit code instead of throwing.</summary>
    public static NodeResult TryRun(string script, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        RepoPaths.RequireNodeModules();
        var start = new ProcessStartInfo(FindNode())
        {
            WorkingDirectory = RepoPaths.TestsDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.IsPathRooted(script) ? script : Path.Combine(RepoPaths.JsDir, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        // Read both streams while writing stdin, or a chatty child could block on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(10);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {limit}.");
        }

        process.WaitForExit();
        return new NodeResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>The full path of <c>node</c> on PATH.</summary>
    public static string FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (dir.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("`node` is not on PATH; the conformance tests need Node.js (20 or later).");
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "\n…";
}
