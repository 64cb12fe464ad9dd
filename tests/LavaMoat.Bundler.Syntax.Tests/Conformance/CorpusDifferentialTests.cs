using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>
/// Differential test against acorn (pinned, <c>ecmaVersion: 'latest'</c>, <c>locations: true</c>) on every file
/// of the real-npm corpus (<see cref="Corpus"/>): our verdict equals acorn's and, when both accept, our ESTree
/// JSON equals acorn's. A file that acorn rejects in both goals must be rejected by us in both goals.
/// </summary>
[TestClass]
public sealed class CorpusDifferentialTests
{
    /// <summary>
    /// Properties left out of the comparison, each with its reason. None: every property acorn writes is
    /// compared. (Not an exclusion: acorn's RegExp and BigInt literal <c>value</c>s are objects JSON cannot
    /// carry, so both sides write them as null and compare the <c>regex</c> / <c>bigint</c> properties instead.)
    /// </summary>
    public static readonly IReadOnlyList<(string Property, string Reason)> IgnoredProperties = [];

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void Every_corpus_file_matches_acorn()
    {
        Assert.IsEmpty(IgnoredProperties, "The harness compares every property; see IgnoredProperties.");
        var files = Corpus.Files;
        var acorn = AcornOracle.DumpCorpus();
        var cases = files.Select((f, i) => new AcornCase(f.Id, new AcornRequest(f.FullPath, AcornMode.Auto), acorn[i])).ToList();
        var report = AcornComparer.Compare("corpus vs acorn", cases, explainLimit: 30);
        if (report.Count > 0)
        {
            Assert.Fail(report.Render(cases.Count));
        }
    }
}
