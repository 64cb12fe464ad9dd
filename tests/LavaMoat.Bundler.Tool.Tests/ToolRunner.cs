using System.Diagnostics;

namespace LavaMoat.Bundler.Tool.Tests;

/// <summary>Runs the built <c>lavamoat-bundle</c> in its own process and captures what a user would see.</summary>
internal static class ToolRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string workingDirectory, params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "lavamoat-bundle.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("lavamoat-bundle did not finish within 2 minutes");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A fresh directory holding the given files; deleted by the caller's using.</summary>
    public static TempDirectory Files(params (string Name, string Text)[] files)
    {
        var dir = new TempDirectory();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(dir.Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return dir;
    }

    public sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("lmb-tool-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
