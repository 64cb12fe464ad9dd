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

    /// <summary>A fresh work directory with these files written into it (paths relative to it, with '/').</summary>
    public static string NewProject(string name, params (string Path, string Text)[] files)
    {
        var root = NewWorkDir(name);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return root;
    }

    /// <summary>A fresh directory under the temp folder for one test's files.</summary>
    public static string NewWorkDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lavamoat-bundler-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
