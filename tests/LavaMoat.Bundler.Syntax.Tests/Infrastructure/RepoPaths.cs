using System.Reflection;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>
/// Where the repository and the npm-installed test tools are. Tests never hard-code paths: everything hangs off
/// <see cref="RepoRoot"/>, the folder that holds <c>LavaMoat.Bundler.sln</c>.
/// </summary>
public static class RepoPaths
{
    private const string SolutionFile = "LavaMoat.Bundler.sln";

    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder that holds <c>LavaMoat.Bundler.sln</c>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary><c>tests/</c>: <c>package.json</c>, the lock file and our Node scripts live here.</summary>
    public static string TestsDir => Path.Combine(RepoRoot, "tests");

    /// <summary><c>tests/js/</c>: our Node scripts (dumpers).</summary>
    public static string JsDir => Path.Combine(TestsDir, "js");

    /// <summary><c>tests/node_modules/</c>, made by <c>npm ci --prefix tests</c>.</summary>
    public static string NodeModules => Path.Combine(TestsDir, "node_modules");

    /// <summary>
    /// A scratch cache for Node results. It sits inside node_modules so that it is gitignored and so that
    /// <c>npm ci</c> (which deletes node_modules) throws it away together with the packages it was made from.
    /// </summary>
    public static string CacheDir => Path.Combine(NodeModules, ".cache", "lavamoat-harness");

    /// <summary>The folder of one installed npm package, after checking that the test packages are installed.</summary>
    public static string Package(string name)
    {
        RequireNodeModules();
        return Path.Combine(NodeModules, name.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Fails with the command to run when the pinned npm packages are not installed.</summary>
    public static void RequireNodeModules()
    {
        if (!File.Exists(Path.Combine(NodeModules, "acorn", "package.json")))
        {
            throw new InvalidOperationException(
                $"The test npm packages are not installed ({NodeModules} is missing or incomplete). " +
                "Run `npm ci --prefix tests` from the repository root first.");
        }
    }

    // The test assembly may be built into an artifacts folder outside the repository (--artifacts-path), so
    // walking up from the assembly is not enough; the build also bakes the project folder in as a fallback.
    private static string FindRepoRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("LAVAMOAT_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, SolutionFile)))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var baked = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LavaMoatProjectDir")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, baked })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the repository root ({SolutionFile}) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; " +
            "set LAVAMOAT_REPO_ROOT.");
    }
}
