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
    public void Task_package_carries_the_pipeline_precompiled_with_its_IL()
    {
        // ReadyToRun halves the JIT work of a build (bench/README.md); a packaging change that silently drops it
        // would only show as a slower benchmark.
        using var package = ZipFile.OpenRead(PackageFeed.TaskPackagePath);
        foreach (var name in new[] { "LavaMoat.Bundler.dll", "LavaMoat.Bundler.Syntax.dll" })
        {
            var (precompiled, hasMetadata) = ReadyToRunShape(package, "tasks/net10.0/" + name);
            Assert.IsTrue(precompiled, $"{name} has no ReadyToRun code");
            Assert.IsTrue(hasMetadata, $"{name} keeps its IL and metadata for other platforms");
        }
    }

    [TestMethod]
    public void Tool_id_points_at_a_linux_x64_package_and_a_portable_one()
    {
        using var pointer = ZipFile.OpenRead(PackageFeed.ToolPackagePath);
        var settings = Read(pointer, "tools/any/any/DotnetToolSettings.xml");
        StringAssert.Contains(settings, $"RuntimeIdentifier=\"linux-x64\" Id=\"{PackageFeed.ToolPackageId}.linux-x64\"");
        StringAssert.Contains(settings, $"RuntimeIdentifier=\"any\" Id=\"{PackageFeed.ToolPackageId}.any\"");
        Assert.IsFalse(pointer.Entries.Any(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)), "the id's own package only points");

        // linux-x64: self-contained (its own runtime, started by its own executable), trimmed, and one composite
        // ReadyToRun image holding our code and the framework code it uses; that is what makes its start-up fast.
        using var linux = ZipFile.OpenRead(PackageFeed.RidToolPackagePath("linux-x64"));
        const string LinuxFolder = "tools/any/linux-x64/";
        StringAssert.Contains(Read(linux, LinuxFolder + "DotnetToolSettings.xml"), "EntryPoint=\"lavamoat-bundle\" Runner=\"executable\"");
        var files = linux.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "lavamoat-bundle", "libcoreclr.so", "System.Private.CoreLib.dll", "lavamoat-bundle.r2r.dll" })
        {
            Assert.Contains(LinuxFolder + expected, files);
        }

        Assert.DoesNotContain(LinuxFolder + "System.Private.Xml.dll", files, "trimmed: framework assemblies the tool never uses are left out");
        foreach (var name in new[] { "LavaMoat.Bundler.dll", "LavaMoat.Bundler.Syntax.dll", "System.Private.CoreLib.dll" })
        {
            Assert.IsTrue(ReadyToRunShape(linux, LinuxFolder + name).Precompiled, $"linux-x64: {name} is not part of the composite image");
        }

        // any: the framework-dependent IL, which every other platform runs on its installed runtime.
        using var portable = ZipFile.OpenRead(PackageFeed.RidToolPackagePath("any"));
        StringAssert.Contains(Read(portable, "tools/net10.0/any/DotnetToolSettings.xml"), "EntryPoint=\"lavamoat-bundle.dll\" Runner=\"dotnet\"");
        var (portablePrecompiled, portableMetadata) = ReadyToRunShape(portable, "tools/net10.0/any/LavaMoat.Bundler.dll");
        Assert.IsFalse(portablePrecompiled, "the portable package carries no native code of one platform");
        Assert.IsTrue(portableMetadata);
        Assert.IsFalse(portable.Entries.Any(e => e.FullName.EndsWith(".so", StringComparison.Ordinal)), "no runtime of its own");
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

        // This machine is linux-x64, so the install took the self-contained package: the trimmed build is the one run here.
        Assert.IsTrue(Directory.Exists(Path.Combine(Dotnet.PackagesFolder!, PackageFeed.ToolPackageId + ".linux-x64")), "installed the linux-x64 package");

        PackageFeed.CopyFixtureApp(dir);
        var run = Dotnet.Run(dir, "lavamoat-bundle", "src/app.js", "-o", "out/app.bundle.js", "--autopolicy").Succeeded("dotnet lavamoat-bundle");
        StringAssert.Contains(run.Output, "3 modules, 3 packages");
        var bundle = File.ReadAllText(Path.Combine(dir, "out", "app.bundle.js"));
        StringAssert.Contains(bundle, "navigator.language");
        Assert.IsTrue(File.Exists(Path.Combine(dir, "lavamoat", "browserify", "policy.json")));

        var failed = Dotnet.Run(dir, "lavamoat-bundle", "src/nope.js", "-o", "out/x.js");
        Assert.AreNotEqual(0, failed.ExitCode, failed.Output);

        // The trimmed build reports a user's mistake as the portable one does: located, no stack trace.
        File.WriteAllText(Path.Combine(dir, "src", "bad.js"), "let a = 1;\nlet b = ;\n");
        var bad = Dotnet.Run(dir, "lavamoat-bundle", "src/bad.js", "-o", "out/bad.js");
        Assert.AreEqual(1, bad.ExitCode, bad.Output);
        StringAssert.Contains(bad.Output, "bad.js(2,9): error LMB1001: Unexpected token");
        Assert.IsFalse(bad.Output.Contains("   at ", StringComparison.Ordinal), bad.Output);
        Assert.IsFalse(File.Exists(Path.Combine(dir, "out", "bad.js")));
        var inspect = Dotnet.Run(dir, "lavamoat-bundle", "inspect", "src/bad.js");
        StringAssert.Contains(inspect.Output, "bad.js(2,9): error LMB1001: Unexpected token");
    }

    private static string Read(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name);
        Assert.IsNotNull(entry, $"{name}: {string.Join(", ", package.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Whether the assembly has ReadyToRun code (its own, or as a component of a composite image) and metadata.</summary>
    private static (bool Precompiled, bool HasMetadata) ReadyToRunShape(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name);
        Assert.IsNotNull(entry, $"{name}: {string.Join(", ", package.Entries.Select(e => e.FullName))}");
        using var bytes = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        return (pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, pe.HasMetadata);
    }
}
