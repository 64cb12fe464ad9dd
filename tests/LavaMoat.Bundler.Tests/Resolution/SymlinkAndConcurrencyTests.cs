using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Resolution;

[TestClass]
public sealed class SymlinkAndConcurrencyTests
{
    [TestMethod]
    public void Results_are_real_paths_and_lookups_continue_from_there()
    {
        using var project = new TempProject("links");
        project.Write("app/package.json", """{ "name": "app", "dependencies": { "ws-lib": "1", "left-pad": "1" } }""");
        project.Write("app/src/real.js", "");
        project.Link("app/src/link.js", "real.js", directory: false);
        project.Write("app/packages/ws-lib/package.json", """{ "name": "ws-lib", "main": "index.js" }""");
        project.Write("app/packages/ws-lib/index.js", "require('left-pad');");
        project.Link("app/node_modules/ws-lib", "../packages/ws-lib");
        project.Package("app/node_modules/left-pad", """{ "name": "left-pad" }""");

        var root = project.At("app");
        var resolver = new ModuleResolver(new ResolverOptions(root));
        ResolvedModule Resolve(string specifier, string from) =>
            resolver.Resolve(new ResolveRequest(specifier, Path.Combine(root, from), ImportKind.Require)).Module
            ?? throw new AssertFailedException(specifier);

        Assert.AreEqual(project.At("app/src/real.js"), Resolve("./link", "src/index.js").Path);

        var library = Resolve("ws-lib", "src/index.js");
        Assert.AreEqual(project.At("app/packages/ws-lib/index.js"), library.Path);
        Assert.AreEqual(project.At("app/packages/ws-lib"), library.PackageScope);

        // From the real location the search goes packages/ws-lib/node_modules, packages/node_modules, node_modules.
        Assert.AreEqual(project.At("app/node_modules/left-pad/index.js"), Resolve("left-pad", "packages/ws-lib/index.js").Path);
        Assert.AreEqual(project.At("app/src/real.js"), resolver.FileSystem.RealPath(project.At("app/src/link.js")));
        Assert.IsTrue(resolver.FileSystem.IsSymlink(project.At("app/node_modules/ws-lib")));
    }

    [TestMethod]
    public void A_broken_link_is_a_missing_file()
    {
        using var project = new TempProject("broken");
        project.Write("app/package.json", "{}");
        project.Link("app/src/dangling.js", "nowhere.js", directory: false);
        var resolver = new ModuleResolver(new ResolverOptions(project.At("app")));
        var result = resolver.Resolve(new ResolveRequest("./dangling.js", project.At("app/src/index.js"), ImportKind.Import));
        Assert.AreEqual(ResolutionCodes.ModuleNotFound, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Parallel_resolution_gives_the_sequential_answers()
    {
        string[] specifiers =
        [
            "./util", "./lib", "main-only", "module-main", "browser-object", "exports-cond/feature", "exports-patterns/a/two",
            "#cond", "buffer", "fs", "./nope", "exports-cond/not-exported", "@scope/pkg/extra", "process", "no-main",
        ];
        var expected = specifiers.Select(s => Basic.Resolve(s, resolver: new ModuleResolver(new ResolverOptions(Basic.Root)))).ToArray();

        var shared = new ModuleResolver(new ResolverOptions(Basic.Root));
        var work = Enumerable.Range(0, 40).SelectMany(_ => specifiers.Select((s, i) => (s, i))).ToArray();
        var actual = new ResolveResult[work.Length];
        Parallel.For(0, work.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n => actual[n] = Basic.Resolve(work[n].s, resolver: shared));

        for (var n = 0; n < work.Length; n++)
        {
            var want = expected[work[n].i];
            var got = actual[n];
            Assert.AreEqual(want.Module, got.Module, work[n].s);
            CollectionAssert.AreEqual(want.Diagnostics.Select(d => d.ToString()).ToArray(), got.Diagnostics.Select(d => d.ToString()).ToArray(), work[n].s);
        }
    }

    /// <summary>A big folder (a project under /tmp or a home folder) costs one listing, not a status call per entry:
    /// only the entries looked up are examined, each once.</summary>
    [TestMethod]
    public void Only_the_entries_looked_up_are_examined_each_once()
    {
        var folder = TestPaths.NewWorkDir("big-folder");
        for (var i = 0; i < 200; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"f{i}.js"), "");
        }

        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        var fs = new ResolverFileSystem();
        Assert.IsTrue(fs.IsFile(Path.Combine(folder, "f7.js")));
        Assert.IsTrue(fs.IsDirectory(Path.Combine(folder, "sub")));
        Assert.IsFalse(fs.IsFile(Path.Combine(folder, "f7.mjs")), "a name the listing lacks needs no examination");
        Assert.IsFalse(fs.IsFile(Path.Combine(folder, "sub")));
        Assert.AreEqual(2, fs.EntriesExamined);
        Assert.AreEqual(1, fs.DirectoryListings);
    }

    [TestMethod]
    public void Package_json_files_and_directories_are_read_once_per_build_even_in_parallel()
    {
        string[] specifiers =
        [
            "./util", "./lib", "main-only", "module-main", "browser-object", "exports-cond/feature", "exports-patterns/a/two",
            "#cond", "buffer", "fs", "./nope", "nonexistent", "@scope/pkg/extra", "process", "no-main", "exports-browser-map",
        ];

        var sequentialFs = new ResolverFileSystem();
        var sequential = new ModuleResolver(new ResolverOptions(Basic.Root), sequentialFs);
        foreach (var specifier in specifiers)
        {
            Basic.Resolve(specifier, resolver: sequential);
        }

        var (reads, listings) = (sequentialFs.PackageJsonReads, sequentialFs.DirectoryListings);
        Assert.IsGreaterThan(5, reads);
        foreach (var specifier in specifiers)
        {
            Basic.Resolve(specifier, resolver: sequential);
        }

        Assert.AreEqual(reads, sequentialFs.PackageJsonReads, "a second pass must not read package.json again");
        Assert.AreEqual(listings, sequentialFs.DirectoryListings, "a second pass must not list directories again");

        var parallelFs = new ResolverFileSystem();
        var parallel = new ModuleResolver(new ResolverOptions(Basic.Root), parallelFs);
        Parallel.For(0, specifiers.Length * 20, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            n => Basic.Resolve(specifiers[n % specifiers.Length], resolver: parallel));
        Assert.AreEqual(reads, parallelFs.PackageJsonReads, "racing threads must share one read");
        Assert.AreEqual(listings, parallelFs.DirectoryListings);

        var first = parallelFs.ReadPackageJson(Path.Combine(Basic.Root, "node_modules", "main-only"));
        Assert.AreSame(first, parallelFs.ReadPackageJson(Path.Combine(Basic.Root, "node_modules", "main-only")));
        Assert.AreEqual("lib/main.js", first.Package!.Main);
        Assert.AreEqual(new PackageJsonRead(null, null), parallelFs.ReadPackageJson(Path.Combine(Basic.Root, "src")));
    }
}
