namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>
/// One corpus package: its npm name and the parts of it we parse. <see cref="Include"/> holds paths relative to
/// the package folder, each a folder (taken recursively) or a file; empty means the whole package.
/// The version is pinned in <c>tests/package.json</c> (and the lock file), not here.
/// </summary>
public sealed record CorpusPackage(string Name, params string[] Include);

/// <summary>One corpus file. <see cref="Id"/> (<c>package/relative/path.js</c>) is stable across machines.</summary>
public sealed record CorpusFile(string Package, string RelativePath, string FullPath)
{
    public string Id => $"{Package}/{RelativePath}";

    public long Length => new FileInfo(FullPath).Length;
}

/// <summary>
/// The corpus of real npm code that our parser (and scope analysis) is held to: a mix of CommonJS, ESM,
/// UMD and minified builds from popular packages, ~9 MB in all. Large packages contribute a subset so the
/// whole test run stays well inside CI's time; the subsets are chosen to keep every build style represented.
/// Which goal (script or module) each file is parsed with is decided by <c>tests/js/acorn-dump.mjs</c>
/// (see <see cref="AcornOracle.DumpCorpus"/>), the way a bundler decides it.
/// </summary>
public static class Corpus
{
    /// <summary>The packages, in a fixed order, from <c>tests/corpus.json</c> (shared with <c>bench/parse</c>).</summary>
    public static IReadOnlyList<CorpusPackage> Packages { get; } = LoadPackages();

    private static readonly Lazy<IReadOnlyList<CorpusFile>> AllFiles = new(Enumerate);

    /// <summary>
    /// Every corpus file (<c>.js</c>, <c>.mjs</c>, <c>.cjs</c>), in package order then ordinal path order,
    /// never descending into a nested node_modules.
    /// </summary>
    public static IReadOnlyList<CorpusFile> Files => AllFiles.Value;

    /// <summary>True for the extensions the corpus takes.</summary>
    public static bool IsJavaScript(string path) =>
        path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".mjs", StringComparison.Ordinal) ||
        path.EndsWith(".cjs", StringComparison.Ordinal);

    private static List<CorpusFile> Enumerate()
    {
        var files = new List<CorpusFile>();
        foreach (var package in Packages)
        {
            var root = RepoPaths.Package(package.Name);
            if (!Directory.Exists(root))
            {
                throw new InvalidOperationException($"Corpus package {package.Name} is not installed; run `npm ci --prefix tests`.");
            }

            var relativePaths = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var include in package.Include.Length == 0 ? [""] : package.Include)
            {
                var path = Path.Combine(root, include);
                if (File.Exists(path))
                {
                    relativePaths.Add(include);
                }
                else if (Directory.Exists(path))
                {
                    foreach (var file in EnumerateJavaScript(path))
                    {
                        relativePaths.Add(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'));
                    }
                }
                else
                {
                    throw new InvalidOperationException($"Corpus entry {package.Name}/{include} does not exist; did the pinned version change?");
                }
            }

            foreach (var relative in relativePaths)
            {
                files.Add(new CorpusFile(package.Name, relative, Path.Combine(root, relative)));
            }
        }

        return files;
    }

    private static IEnumerable<string> EnumerateJavaScript(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            if (IsJavaScript(file))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            if (Path.GetFileName(sub) != "node_modules")
            {
                foreach (var file in EnumerateJavaScript(sub))
                {
                    yield return file;
                }
            }
        }
    }

    private static List<CorpusPackage> LoadPackages()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.TestsDir, "corpus.json")));
        var packages = new List<CorpusPackage>();
        foreach (var entry in json.RootElement.GetProperty("packages").EnumerateArray())
        {
            var include = entry.GetProperty("include").EnumerateArray().Select(e => e.GetString()!).ToArray();
            packages.Add(new CorpusPackage(entry.GetProperty("name").GetString()!, include));
        }

        return packages;
    }
}
