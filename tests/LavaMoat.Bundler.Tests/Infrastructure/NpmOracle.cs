using System.Collections.Concurrent;
using System.Security.Cryptography;
using LavaMoat.Bundler.Tests.Resolution;

namespace LavaMoat.Bundler.Tests.Infrastructure;

/// <summary>
/// The real npm packages our behaviour is compared with (<c>Oracles/&lt;name&gt;/</c>: a package.json, its lock file
/// and our own Node scripts that drive the package). Each is installed with <c>npm ci</c> into a temp folder once per
/// machine and folder content, so tests stay fast after the first run and nothing from npm lives in the repository.
/// </summary>
internal static class NpmOracle
{
    // Test classes run in parallel and several use the same oracle: one install per oracle and process, or two
    // npm ci runs would write into the same folder at once.
    private static readonly ConcurrentDictionary<string, Lazy<string>> Installs = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns a folder holding the oracle's files and its installed node_modules. <paramref name="marker"/> is the
    /// package whose presence shows the install is complete (an interrupted install is redone).
    /// </summary>
    public static string Install(string oracle, string marker) =>
        Installs.GetOrAdd(oracle, name => new Lazy<string>(() => InstallOnce(name, marker))).Value;

    /// <summary>
    /// Returns a temp copy of the app folder <paramref name="appDir"/> (all files but node_modules, sub-folders
    /// included) with its dependencies installed by <c>npm ci</c>, for tests that need an installed app: its
    /// node_modules must sit inside the project root the tools are given, and npm packages must not enter the
    /// repository. Keyed and installed atomically like <see cref="Install"/>; <paramref name="marker"/> is a package
    /// whose presence shows the install is complete.
    /// </summary>
    public static string InstallApp(string appDir, string marker) =>
        Installs.GetOrAdd("app:" + Path.GetFullPath(appDir), _ => new Lazy<string>(() => InstallAppOnce(Path.GetFullPath(appDir), marker))).Value;

    private static string InstallAppOnce(string appDir, string marker)
    {
        var files = Directory.GetFiles(appDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(appDir, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Contains("node_modules", StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        // The hash covers names and contents, so a renamed or edited file never reuses a stale copy.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(file + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(appDir, file)));
        }

        var name = Path.GetFileName(appDir);
        var target = Path.Combine(Path.GetTempPath(), $"lavamoat-app-{name}-{Convert.ToHexString(sha.GetHashAndReset())[..12]}");
        var complete = Path.Combine(target, "node_modules", marker, "package.json");
        if (File.Exists(complete))
        {
            return target;
        }

        var staging = Directory.CreateTempSubdirectory($"lavamoat-app-{name}-staging-").FullName;
        foreach (var file in files)
        {
            var destination = Path.Combine(staging, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(appDir, file), destination);
        }

        var (code, _, error) = ExternalTool.Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts"], staging);
        if (code != 0)
        {
            Directory.Delete(staging, recursive: true);
            throw new InvalidOperationException($"npm ci for the app {name} failed: {error}");
        }

        try
        {
            if (!File.Exists(complete) && Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true); // an incomplete install left by an interrupted run
            }

            if (!File.Exists(complete))
            {
                Directory.Move(staging, target);
                return target;
            }
        }
        catch (IOException) when (File.Exists(complete))
        {
            // another process finished first; its install is identical
        }

        Directory.Delete(staging, recursive: true);
        return target;
    }

    private static string InstallOnce(string oracle, string marker)
    {
        var source = Path.Combine(ExternalTool.TestProjectDir, "Oracles", oracle);
        var files = Directory.GetFiles(source).Order(StringComparer.Ordinal).ToArray();

        // The folder name carries a hash of every file, so a changed lock or script never reuses a stale install.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(File.ReadAllBytes(file));
        }

        var target = Path.Combine(Path.GetTempPath(), $"lavamoat-oracle-{oracle}-{Convert.ToHexString(sha.GetHashAndReset())[..12]}");
        if (File.Exists(Path.Combine(target, "node_modules", marker, "package.json")))
        {
            return target;
        }

        // Install into a private folder, then rename it into place: the rename is atomic, so a concurrent test
        // process either finds a complete install or loses the race and discards its own copy.
        var staging = Directory.CreateTempSubdirectory($"lavamoat-oracle-{oracle}-staging-").FullName;
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
        }

        var (code, _, error) = ExternalTool.Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], staging);
        if (code != 0)
        {
            Directory.Delete(staging, recursive: true);
            throw new InvalidOperationException($"npm ci for the {oracle} oracle failed: {error}");
        }

        var complete = Path.Combine(target, "node_modules", marker, "package.json");
        try
        {
            if (!File.Exists(complete) && Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true); // an incomplete install left by an interrupted run
            }

            if (!File.Exists(complete))
            {
                Directory.Move(staging, target);
                return target;
            }
        }
        catch (IOException) when (File.Exists(complete))
        {
            // another process finished first; its install is identical
        }

        Directory.Delete(staging, recursive: true);

        return target;
    }
}
