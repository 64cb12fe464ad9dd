using System.Globalization;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;
using LavaMoat.Bundler.Syntax.Unicode;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>
/// Which characters may start or continue an identifier decides where names end, and so what scope analysis
/// and policy generation see. Our tables (used by the tokenizer and by RegExp group names) must agree with
/// acorn's on every code point, including the ones newer than .NET's own Unicode data.
/// </summary>
[TestClass]
public sealed class IdentifierCharsTests
{
    [TestMethod]
    public void Identifier_start_and_part_agree_with_acorn_on_every_code_point()
    {
        var lines = NodeRunner.Run("identifier-ranges.mjs", []).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var start = Parse(lines.Single(l => l.StartsWith("start ", StringComparison.Ordinal)));
        var part = Parse(lines.Single(l => l.StartsWith("part ", StringComparison.Ordinal)));

        var differences = new List<string>();
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (IdentifierChars.IsIdentifierStart(cp) != start.Contains(cp))
            {
                differences.Add($"start U+{cp:X4}: acorn {start.Contains(cp)}");
            }

            if (IdentifierChars.IsIdentifierPart(cp) != part.Contains(cp))
            {
                differences.Add($"part U+{cp:X4}: acorn {part.Contains(cp)}");
            }
        }

        Assert.IsEmpty(differences, string.Join("\n", differences.Take(20)));
        Assert.IsGreaterThan(100_000, start.Count, "the oracle really listed the letters");
    }

    private static HashSet<int> Parse(string line)
    {
        var set = new HashSet<int>();
        foreach (var range in line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split(','))
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var from = int.Parse(range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var to = int.Parse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (var cp = from; cp <= to; cp++)
            {
                set.Add(cp);
            }
        }

        return set;
    }
}
