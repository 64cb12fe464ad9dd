using System.Text.Json;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>The corpus is what the issue asks of it: 20+ real packages at pinned versions, 5+ MB, CJS and ESM mixed.</summary>
[TestClass]
public sealed class CorpusTests
{
    [TestMethod]
    public void Corpus_packages_are_installed_at_the_versions_pinned_in_package_json()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.TestsDir, "package.json")));
        var pinned = manifest.RootElement.GetProperty("devDependencies");
        foreach (var package in Corpus.Packages)
        {
            Assert.IsTrue(pinned.TryGetProperty(package.Name, out var version), $"{package.Name} is in the corpus but not pinned in tests/package.json.");
            var pin = version.GetString()!;
            Assert.IsTrue(char.IsDigit(pin[0]) && !pin.Contains('^', StringComparison.Ordinal) && !pin.Contains('~', StringComparison.Ordinal), $"{package.Name} must be pinned to an exact version, not {pin}.");
            using var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Package(package.Name), "package.json")));
            Assert.AreEqual(pin, installed.RootElement.GetProperty("version").GetString(), $"{package.Name}: installed version differs from the pin; run `npm ci --prefix tests`.");
        }
    }

    [TestMethod]
    public void Corpus_is_large_and_mixes_scripts_and_modules()
    {
        var files = Corpus.Files;
        var bytes = files.Sum(f => f.Length);
        Assert.IsGreaterThanOrEqualTo(20, Corpus.Packages.Count, "The corpus needs at least 20 packages.");
        Assert.IsGreaterThanOrEqualTo(5L * 1024 * 1024, bytes, $"The corpus holds {bytes / 1048576.0:F2} MB; it needs at least 5 MB.");
        Assert.IsTrue(Corpus.Packages.All(p => files.Any(f => f.Package == p.Name)), "Every corpus package contributes files.");

        var acorn = AcornOracle.DumpCorpus();
        var decisions = acorn.GroupBy(r => r.Decision).ToDictionary(g => g.Key, g => g.Count());
        var summary = string.Join(", ", decisions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value}"));
        Console.WriteLine($"{files.Count} files, {bytes / 1048576.0:F2} MB, {Corpus.Packages.Count} packages; goals: {summary}");
        Assert.IsTrue(acorn.Count(r => r.IsModule) > 100, $"Too few modules in the corpus ({summary}).");
        Assert.IsTrue(acorn.Count(r => !r.IsModule) > 100, $"Too few scripts in the corpus ({summary}).");
        Assert.IsTrue(acorn.Count(r => r.Ok) > files.Count * 0.95, $"acorn should accept nearly the whole corpus ({summary}).");
    }
}
