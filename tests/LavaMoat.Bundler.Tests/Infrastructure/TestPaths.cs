using System.Reflection;

namespace LavaMoat.Bundler.Tests.Infrastructure;

/// <summary>Where the test project's own files are, wherever the build put the assembly.</summary>
internal static class TestPaths
{
    public static string ProjectDir { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LavaMoatProjectDir").Value!;

    public static string JsDir => Path.Combine(ProjectDir, "js");

    public static string RepoRoot => Path.GetFullPath(Path.Combine(ProjectDir, "..", ".."));

    /// <summary>A fresh directory under the temp folder for one test's files.</summary>
    public static string NewWorkDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lavamoat-bundler-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
