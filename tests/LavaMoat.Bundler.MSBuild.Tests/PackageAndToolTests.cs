using System.IO.Compression;
using System.Reflection.PortableExecutable;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>The shape of the two packages, and the tool installed from the feed as a local tool.</summary>
[TestClass]
public sealed class PackageAndToolTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Task_package_has_the_task_folder_layout_and_no_dependencies()
    {
        using var package = ZipFile.OpenRead(PackageFeed.TaskPackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "build/LavaMoat.Bundler.MSBuild.props", "build/LavaMoat.Bundler.MSBuild.targets", "README.md",
            "tasks/net10.0/LavaMoat.Bundler.MSBuild.dll", "tasks/net10.0/LavaMoat.Bundler.MSBuild.deps.json",
            "tasks/net10.0/LavaMoat.Bundler.dll", "tasks/net10.0/LavaMoat.Bundler.Syntax.dll",
        })
        {
            Assert.Contains(expected, entries, string.Join(", ", entries));
        }

        Assert.IsFalse(entries.Any(e => e.StartsWith("lib/", StringComparison.Ordinal)), "no lib/ assembly for consumers to reference");
        Assert.IsFalse(entries.Any(e => e.Contains("Microsoft.Build", StringComparison.Ordinal)), "MSBuild's own assemblies are never shipped");
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = await nuspec.ReadToEndAsync(TestContext.CancellationToken);
        StringAssert.Contains(text, "<developmentDependency>true</developmentDependency>");
        Assert.IsFalse(text.Contains("<dependencies", StringComparison.Ordinal), "no leaked dependencies:\n" + text);
    }

    [TestMethod]
    public void Both_packages_carry_the_pipeline_precompiled_and_the_tool_stays_portable()
    {
        // ReadyToRun halves the JIT work of a build (bench/README.md); a packaging change that silently drops it
        // would only show as a slower benchmark.
        foreach (var (path, folder) in new[] { (PackageFeed.TaskPackagePath, "tasks/net10.0/"), (PackageFeed.ToolPackagePath, "tools/net10.0/any/") })
        {
            using var package = ZipFile.OpenRead(path);
            foreach (var name in new[] { "LavaMoat.Bundler.dll", "LavaMoat.Bundler.Syntax.dll" })
            {
                var entry = package.GetEntry(folder + name);
                Assert.IsNotNull(entry, $"{Path.GetFileName(path)}: {folder}{name}: {string.Join(", ", package.Entries.Select(e => e.FullName))}");
                using var bytes = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(bytes);
                }

                bytes.Position = 0;
                using var pe = new PEReader(bytes);
                var cor = pe.PEHeaders.CorHeader!;
                Assert.IsTrue(cor.ManagedNativeHeaderDirectory.Size > 0, $"{Path.GetFileName(path)}: {name} has no ReadyToRun code");
                Assert.IsTrue(pe.HasMetadata, $"{name} keeps its IL and metadata for other platforms");
            }
        }

        // Portable: the tool's implementation is under any/, not a RID folder, and the package has no RID-specific parts.
        using var tool = ZipFile.OpenRead(PackageFeed.ToolPackagePath);
        Assert.IsTrue(tool.Entries.All(e => !e.FullName.StartsWith("tools/", StringComparison.Ordinal) || e.FullName.StartsWith("tools/net10.0/any/", StringComparison.Ordinal)),
            string.Join(", ", tool.Entries.Select(e => e.FullName)));
    }

    [TestMethod]
    public void Tool_installs_from_the_feed_into_a_local_manifest_and_bundles()
    {
        var dir = Path.Combine(PackageFeed.Root, "tool");
        Directory.CreateDirectory(dir);
        PackageFeed.WriteNuGetConfig(dir);
        Dotnet.Run(dir, "new", "tool-manifest").Succeeded("dotnet new tool-manifest");
        Dotnet.Run(dir, "tool", "install", PackageFeed.ToolPackageId, "--version", PackageFeed.Version).Succeeded("dotnet tool install");

        var help = Dotnet.Run(dir, "lavamoat-bundle", "--help").Succeeded("dotnet lavamoat-bundle --help");
        StringAssert.Contains(help.Output, "--output");
        StringAssert.Contains(help.Output, "--autopolicy");

        PackageFeed.CopyFixtureApp(dir);
        var run = Dotnet.Run(dir, "lavamoat-bundle", "src/app.js", "-o", "out/app.bundle.js", "--autopolicy").Succeeded("dotnet lavamoat-bundle");
        StringAssert.Contains(run.Output, "3 modules, 3 packages");
        var bundle = File.ReadAllText(Path.Combine(dir, "out", "app.bundle.js"));
        StringAssert.Contains(bundle, "navigator.language");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "lavamoat", "browserify", "policy.json")));

        var failed = Dotnet.Run(dir, "lavamoat-bundle", "src/nope.js", "-o", "out/x.js");
        Assert.AreNotEqual(0, failed.ExitCode, failed.Output);
    }
}
