using System.Diagnostics;
using System.Reflection;

namespace LavaMoat.Bundler.Tool.Tests;

/// <summary>Runs the built <c>lavamoat-bundle</c> in its own process and captures what a user would see.</summary>
internal static class ToolRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>How to start the tool; <c>dotnet lavamoat-bundle.dll</c> runs it in the dotnet host's own process.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        // The tool is copied beside the test assembly (a project reference), wherever the artifacts folder is.
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

        return start;
    }

    public static Result Run(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
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

    /// <summary>A fresh copy of <c>tests/fixtures/cli/&lt;name&gt;</c>, so a build can write into it.</summary>
    public static TempDirectory CopyFixture(string name)
    {
        var source = Path.Combine(FixturesRoot.Value, name);
        var dir = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return dir;
    }

    private static readonly Lazy<string> FixturesRoot = new(() =>
    {
        // The assembly can be built into an artifacts folder anywhere, so the project bakes its own folder in.
        var projectDir = typeof(ToolRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LavaMoatProjectDir")?.Value
            ?? throw new InvalidOperationException("the test assembly has no LavaMoatProjectDir metadata");
        var root = Path.GetFullPath(Path.Combine(projectDir, "..", "fixtures", "cli"));
        return Directory.Exists(root) ? root : throw new DirectoryNotFoundException(root);
    });

    public sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("lmb-tool-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
