using System.Reflection;

namespace LavaMoat.Bundler.Tests.Resolution;

/// <summary>
/// The committed fixture projects under <c>tests/fixtures/resolution/</c>, and scratch projects built in a temp
/// folder for what cannot be committed (symbolic links).
/// </summary>
internal static class ResolutionFixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder of one committed fixture project.</summary>
    public static string Project(string name) => Path.Combine(Root.Value, name);

    // The assembly can be built into an artifacts folder anywhere, so the test project bakes its own folder in.
    private static string FindRoot()
    {
        var projectDir = typeof(ResolutionFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LavaMoatProjectDir")?.Value
            ?? throw new InvalidOperationException("the test assembly has no LavaMoatProjectDir metadata");
        var root = Path.GetFullPath(Path.Combine(projectDir, "..", "fixtures", "resolution"));
        return Directory.Exists(root) ? root : throw new DirectoryNotFoundException(root);
    }
}

/// <summary>A throw-away project folder; deleted on dispose.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject(string name)
    {
        // The real path of the temp folder, so expected (real) paths hold where it sits behind a link (macOS /var).
        var temp = new LavaMoat.Bundler.Resolution.ResolverFileSystem().RealPath(Path.GetTempPath());
        Base = Path.Combine(temp, "lavamoat-resolution-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Base);
    }

    /// <summary>The folder that holds the project and anything placed beside it.</summary>
    public string Base { get; }

    public string At(string relative) => Path.GetFullPath(Path.Combine(Base, relative));

    public void Write(string relative, string content)
    {
        var path = At(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Package(string directory, string json)
    {
        Write(Path.Combine(directory, "package.json"), json);
        Write(Path.Combine(directory, "index.js"), "module.exports = 1;\n");
    }

    /// <summary>Creates <paramref name="link"/> pointing at <paramref name="target"/> (relative to the link's folder).</summary>
    public void Link(string link, string target, bool directory = true)
    {
        var path = At(link);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (directory)
        {
            Directory.CreateSymbolicLink(path, target);
        }
        else
        {
            File.CreateSymbolicLink(path, target);
        }
    }

    public void Dispose()
    {
        try
        {
            DeleteTree(new DirectoryInfo(Base));
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }

    // Directory.Delete(recursive) follows no links, but delete links explicitly so targets outside are untouched.
    private static void DeleteTree(DirectoryInfo directory)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || entry is FileInfo)
            {
                entry.Delete();
            }
            else
            {
                DeleteTree((DirectoryInfo)entry);
            }
        }

        directory.Delete();
    }
}
