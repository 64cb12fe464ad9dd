using System.Diagnostics;
using System.Reflection;

namespace LavaMoat.Bundler.Tests.Resolution;

/// <summary>Runs node/npm for the oracle tests (Node's resolver, the real @lavamoat/aa).</summary>
internal static class ExternalTool
{
    /// <summary>The test project's source folder (where the oracle scripts live).</summary>
    public static string TestProjectDir { get; } =
        typeof(ExternalTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "LavaMoatProjectDir").Value!;

    public static (int Code, string Output, string Error) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish");
        }

        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
