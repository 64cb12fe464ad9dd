using System.Globalization;
using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>
/// Packs the task package and the tool package once per test run, from source, with a unique prerelease version
/// into a temporary folder feed; consumer projects restore from it into a private NuGet cache.
/// </summary>
[TestClass]
public static partial class PackageFeed
{
    public const string TaskPackageId = "LavaMoat.Bundler.MSBuild";

    public const string ToolPackageId = "dotnet-lavamoat-bundle";

    private static string? root;

    /// <summary>Everything of this run lives below here; deleted at the end.</summary>
    public static string Root => root ?? throw new InvalidOperationException("the package feed is not initialised");

    public static string Feed => Path.Combine(Root, "feed");

    /// <summary>Unique per run, so no cache anywhere can hold an older build under the same version.</summary>
    public static string Version { get; private set; } = "";

    public static TimeSpan PackTime { get; private set; }

    [AssemblyInitialize]
    public static void Pack(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        root = Path.Combine(Path.GetTempPath(), "lmb-msbuild-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Feed);
        Dotnet.PackagesFolder = Path.Combine(Root, "nuget-packages");
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        var artifacts = Path.Combine(Root, "artifacts");
        foreach (var project in new[] { "src/LavaMoat.Bundler.MSBuild/LavaMoat.Bundler.MSBuild.csproj", "src/LavaMoat.Bundler.Tool/LavaMoat.Bundler.Tool.csproj" })
        {
            // A private artifacts folder: the repository's own bin/obj may be in use by a concurrent build.
            var result = Dotnet.Run(Dotnet.RepoRoot, "pack", project, "-c", "Release", "-o", Feed, "--artifacts-path", artifacts,
                "--disable-build-servers", "-p:Version=" + Version, "-p:ContinuousIntegrationBuild=true");
            result.Succeeded("dotnet pack " + project);
            PackTime += result.Elapsed;
        }

        context.WriteLine($"packed {Version} in {PackTime.TotalSeconds:0} s");
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        if (root is not null && Environment.GetEnvironmentVariable("LAVAMOAT_KEEP_TEST_FILES") is null)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A process that is still exiting may hold a file; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    public static string TaskPackagePath => Path.Combine(Feed, $"{TaskPackageId}.{Version}.nupkg");

    /// <summary>The tool id's own package, which only names the RID-specific packages below.</summary>
    public static string ToolPackagePath => Path.Combine(Feed, $"{ToolPackageId}.{Version}.nupkg");

    /// <summary>The tool package for <paramref name="rid"/> (<c>linux-x64</c>, or <c>any</c> for the portable one).</summary>
    public static string RidToolPackagePath(string rid) => Path.Combine(Feed, $"{ToolPackageId}.{rid}.{Version}.nupkg");

    /// <summary>A nuget.config with the local feed first and the machine's normal source for anything else.</summary>
    public static void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="lavamoat-test-feed" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
        </configuration>
        """);

    /// <summary>
    /// A new project from a `dotnet new` template in <paramref name="folder"/> (below a folder with the feed's
    /// nuget.config), with the fixture npm app (tests/fixtures/msbuild/app) copied in, the task package added the way
    /// `dotnet add package` adds it, and <paramref name="bundleItems"/>.
    /// </summary>
    public static string NewConsumer(string template, string name, string folder, string bundleItems)
    {
        Directory.CreateDirectory(folder);
        Dotnet.Run(folder, "new", template, "-n", name, "-o", ".", "--no-restore").Succeeded("dotnet new " + template);
        CopyFixtureApp(folder);
        var projectFile = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace("</Project>", $"""
              <ItemGroup>
                {bundleItems}
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        return projectFile;
    }

    /// <summary>
    /// `dotnet add package`, as users add it: the tooling reads developmentDependency and writes PrivateAssets=all,
    /// which is what keeps the package out of the consumer's own package dependencies.
    /// </summary>
    public static void AddTaskPackage(string folder)
    {
        Dotnet.Run(folder, "add", "package", TaskPackageId, "--version", Version).Succeeded("dotnet add package");
    }

    public static void CopyFixtureApp(string folder)
    {
        var source = Path.Combine(Dotnet.RepoRoot, "tests", "fixtures", "msbuild", "app");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>`-v:n` output has one line per skipped or run target; these find ours.</summary>
    public static bool Skipped(string output, string target) =>
        output.Contains($"Skipping target \"{target}\" because all output files are up-to-date", StringComparison.Ordinal);

    public static int BundleRuns(string output) => SummaryLine().Count(output);

    [GeneratedRegex(@"LavaMoat: \S+ -> \S+: \d+ modules, \d+ packages, \d+ bytes in")]
    private static partial Regex SummaryLine();
}
