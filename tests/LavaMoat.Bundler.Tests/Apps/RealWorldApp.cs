using System.Runtime.InteropServices;
using System.Text.Json;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Apps;

/// <summary>One build of the app: where its copy lives and what the pipeline wrote.</summary>
internal sealed record RealWorldBuild(string ProjectRoot, string BundlePath, BundleResult Result)
{
    public string MapPath => BundlePath + ".map";

    public string PolicyPath => Path.Combine(ProjectRoot, "lavamoat", "browserify", "policy.json");

    public string Describe() =>
        $"{Result.Stats.Modules} modules, {Result.Stats.Packages} packages, {Result.Stats.BundleBytes} bytes in {Result.Stats.Elapsed.TotalSeconds:F1}s"
        + Environment.NewLine + string.Join(Environment.NewLine, Result.Diagnostics);
}

/// <summary>What the app reported: <c>{ ok, checks: [[name, ok, detail], …] }</c> (src/report.js).</summary>
internal sealed record AppReport(bool Ok, IReadOnlyList<(string Name, bool Ok, string Detail)> Checks, string Json)
{
    public static AppReport Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (c[0].GetString()!, c[1].GetBoolean(), c[2].GetString() ?? ""))
            .ToList();
        return new AppReport(doc.RootElement.GetProperty("ok").GetBoolean(), checks, json);
    }

    /// <summary>Every expected check ran and passed: a part of the app that silently did not run fails too.</summary>
    public void AssertAllPassed(IEnumerable<string> expectedNames)
    {
        var failed = Checks.Where(c => !c.Ok).Select(c => $"{c.Name}: {c.Detail}").ToList();
        Assert.IsEmpty(failed, "failed checks:" + Environment.NewLine + string.Join(Environment.NewLine, failed));
        var missing = expectedNames.Except(Checks.Select(c => c.Name), StringComparer.Ordinal).ToList();
        Assert.IsEmpty(missing, "checks that never ran: " + string.Join(", ", missing) + Environment.NewLine + Json);
        Assert.IsTrue(Ok, Json);
    }
}

/// <summary>
/// The real-world app in tests/apps/realworld (30+ pinned npm packages, CommonJS and ESM; also the benchmark app).
/// Its node_modules comes from <c>npm ci</c> (test.sh runs it). Builds never run in the repo: autopolicy writes
/// lavamoat/ under the project root, so each build works on its own copy, which also lets builds run in parallel.
/// </summary>
internal static class RealWorldApp
{
    public const string Entry = "src/main.js";

    public static string SourceDir => Path.Combine(TestPaths.RepoRoot, "tests", "apps", "realworld");

    /// <summary>Checks the app reports in every environment (src/ names them); browsers add <see cref="DomChecks"/>.</summary>
    public static IReadOnlyList<string> CommonChecks { get; } =
    [
        "env", "buffer", "events", "process", "path-browserify", "lodash", "qs", "semver", "ms", "dayjs", "validator",
        "mustache", "fast-deep-equal", "own cjs module", "lodash-es", "date-fns", "rxjs", "zod", "immer", "ramda",
        "immutable", "decimal.js", "js-yaml", "query-string", "@noble/hashes", "nanoid", "uuid", "marked",
        "@reduxjs/toolkit", "pako", "mitt", "clsx", "react", "react-dom/server", "axios", "dynamic import",
    ];

    public static IReadOnlyList<string> DomChecks { get; } = ["react-dom/client"];

    /// <summary>Web APIs the vm harness lacks but every browser has (TextEncoder, URL, MessageChannel, …).</summary>
    public static string WebPlatformShims => File.ReadAllText(Path.Combine(TestPaths.ProjectDir, "Apps", "web-platform-shims.js"));

    public static void AssertInstalled()
    {
        Assert.IsTrue(
            File.Exists(Path.Combine(SourceDir, "node_modules", "react", "package.json")),
            $"the app's packages are not installed: npm ci --prefix {SourceDir}");
    }

    /// <summary>A copy of the app (package.json, lock file, src/, node_modules/) under <paramref name="destination"/>.
    /// Files in node_modules are hard links where the file system allows (the build only reads them), so a copy of
    /// some 12 000 files costs little; symbolic links are recreated as links.</summary>
    public static string CopyTo(string destination)
    {
        AssertInstalled();
        Directory.CreateDirectory(destination);
        File.Copy(Path.Combine(SourceDir, "package.json"), Path.Combine(destination, "package.json"));
        File.Copy(Path.Combine(SourceDir, "package-lock.json"), Path.Combine(destination, "package-lock.json"));
        CopyTree(Path.Combine(SourceDir, "src"), Path.Combine(destination, "src"), link: false);
        CopyTree(Path.Combine(SourceDir, "node_modules"), Path.Combine(destination, "node_modules"), link: true);
        return destination;
    }

    /// <summary>Copies the app to <paramref name="workDir"/>/<paramref name="appFolder"/> and builds it with autopolicy
    /// into <paramref name="workDir"/>/<paramref name="appFolder"/>/dist/app.js (so the output sits at the same place
    /// relative to the project root in every copy).</summary>
    public static RealWorldBuild CopyAndBuild(string workDir, string appFolder = "app")
    {
        var root = CopyTo(Path.Combine(workDir, appFolder));
        var bundle = Path.Combine(root, "dist", "app.js");
        var result = BundlePipeline.Run(new BundleRequest(root, [Entry], bundle) { AutoPolicy = true });
        return new RealWorldBuild(root, bundle, result);
    }

    private static void CopyTree(string from, string to, bool link)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                File.CreateSymbolicLink(target, linkTarget);
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, target, link);
            }
            else if (!link || !TryHardLink(entry.FullName, target))
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    private static bool TryHardLink(string existing, string newPath) =>
        !OperatingSystem.IsWindows() && NativeMethods.link(existing, newPath) == 0;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; one call site does not earn it
        public static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);
#pragma warning restore SYSLIB1054
    }
}
