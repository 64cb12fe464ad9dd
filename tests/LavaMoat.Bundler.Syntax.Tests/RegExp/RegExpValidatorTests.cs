using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Syntax.RegExp;

namespace LavaMoat.Bundler.Syntax.Tests.RegExp;

[TestClass]
public sealed class RegExpValidatorTests
{
    private static readonly List<(string Pattern, string Flags, string? Expected, string Section)> Cases = LoadCases();

    [TestMethod]
    public void Fixture_covers_valid_and_invalid_patterns_in_every_section()
    {
        Assert.IsTrue(Cases.Count > 4000, $"only {Cases.Count} cases");
        foreach (var section in Cases.Select(c => c.Section).Distinct())
        {
            Assert.IsTrue(Cases.Any(c => c.Section == section && c.Expected is null), section);
            Assert.IsTrue(Cases.Any(c => c.Section == section && c.Expected is not null), section);
        }
    }

    [TestMethod]
    public void Accept_reject_agrees_with_acorn_on_every_fixture_case()
    {
        var failures = new StringBuilder();
        var count = 0;
        foreach (var (pattern, flags, expected, _) in Cases)
        {
            var actual = RegExpValidator.Validate(pattern, flags);
            if ((actual is null) != (expected is null))
            {
                count++;
                failures.AppendLine(Describe(pattern, flags, expected, actual));
            }
        }

        Assert.AreEqual(0, count, $"{count} verdicts differ from acorn:\n{failures}");
    }

    [TestMethod]
    public void Messages_agree_with_acorn_on_every_rejected_fixture_case()
    {
        var failures = new StringBuilder();
        var count = 0;
        foreach (var (pattern, flags, expected, _) in Cases)
        {
            var actual = RegExpValidator.Validate(pattern, flags);
            if (expected is not null && actual is not null && expected != actual)
            {
                count++;
                failures.AppendLine(Describe(pattern, flags, expected, actual));
            }
        }

        Assert.AreEqual(0, count, $"{count} messages differ from acorn:\n{failures}");
    }

    // The cases named in the validator's brief, with acorn 8.19.0's verdicts written out so they read on their own.
    [TestMethod]
    [DataRow("[/]", "", null)]
    [DataRow("\\u{1F600}", "u", null)]
    [DataRow("\\u{1F600}", "", null)]
    [DataRow("(?<a>x)|(?<a>y)", "", null)]
    [DataRow("(?<a>x)|(?<a>y)", "u", null)]
    [DataRow("(?<a>x)(?<a>y)", "", "Duplicate capture group name")]
    [DataRow("[\\d-a]", "", null)]
    [DataRow("[\\d-a]", "u", "Invalid character class")]
    [DataRow("{", "", null)]
    [DataRow("{", "u", "Lone quantifier brackets")]
    [DataRow("]", "", null)]
    [DataRow("]", "u", "Lone quantifier brackets")]
    [DataRow("a{2,1}", "", "numbers out of order in {} quantifier")]
    [DataRow("\\p{L}", "u", null)]
    [DataRow("\\p{L}", "", null)]
    [DataRow("\\p{Script=Greek}", "u", null)]
    [DataRow("[\\p{Basic_Emoji}--\\q{x}]", "v", null)]
    [DataRow("[^\\p{Basic_Emoji}--\\q{x}]", "v", "Negated character class may contain strings")]
    [DataRow("(?i:a)", "", null)]
    [DataRow("(?ii:a)", "", "Duplicate regular expression modifiers")]
    [DataRow("(?i-i:a)", "", "Duplicate regular expression modifiers")]
    [DataRow("(?-:a)", "", "Invalid regular expression modifiers")]
    [DataRow("\\k<a>", "", null)]
    [DataRow("\\k<a>", "u", "Invalid named capture referenced")]
    [DataRow("\\k<a>(?<a>)", "", null)]
    [DataRow("(?<=a)b", "", null)]
    [DataRow("(?<=a)*", "", "Nothing to repeat")]
    [DataRow("(?=a)*", "", null)]
    [DataRow("(?=a)*", "u", "Invalid quantifier")]
    [DataRow("a**", "", "Nothing to repeat")]
    [DataRow("\\1", "", null)]
    [DataRow("\\1", "u", "Invalid escape")]
    [DataRow("\\c", "", null)]
    [DataRow("\\c", "u", "Invalid unicode escape")]
    [DataRow("[\\uD83D\\uDE00-\\uD83D\\uDE4F]", "u", null)]
    [DataRow("[\\uD83D\\uDE00-\\uD83D\\uDE4F]", "", "Range out of order in character class")]
    [DataRow("[\\uD83D\\uDE4F-\\uD83D\\uDE00]", "u", "Range out of order in character class")]
    [DataRow("(?<\\ud835\\udc9c>x)", "", null)]
    public void Named_cases_match_acorn(string pattern, string flags, string? reason)
    {
        var expected = reason is null ? null : "Invalid regular expression: /" + pattern + "/: " + reason;
        Assert.AreEqual(expected, RegExpValidator.Validate(pattern, flags));
    }

    [TestMethod]
    [DataRow("gimsuyd", null)]
    [DataRow("dgimsvy", null)]
    [DataRow("uv", "Invalid regular expression flag")]
    [DataRow("x", "Invalid regular expression flag")]
    [DataRow("gg", "Duplicate regular expression flag")]
    [DataRow("gxg", "Duplicate regular expression flag")]
    public void Flags_match_acorn(string flags, string? expected) =>
        Assert.AreEqual(expected, RegExpValidator.Validate("a", flags));

    [TestMethod]
    public void Property_tables_hold_every_name_in_its_valid_form()
    {
        foreach (var name in UnicodePropertyNames.AllGeneralCategoryValues)
        {
            Assert.IsNull(RegExpValidator.Validate("\\p{" + name + "}", "u"), name);
            Assert.IsNull(RegExpValidator.Validate("\\P{gc=" + name + "}", "u"), name);
        }

        foreach (var name in UnicodePropertyNames.AllBinaryProperties)
        {
            Assert.IsNull(RegExpValidator.Validate("\\P{" + name + "}", "v"), name);
        }

        foreach (var name in UnicodePropertyNames.AllStringProperties)
        {
            Assert.IsNull(RegExpValidator.Validate("[\\p{" + name + "}]", "v"), name);
            Assert.IsNotNull(RegExpValidator.Validate("\\p{" + name + "}", "u"), name);
        }

        foreach (var name in UnicodePropertyNames.AllScriptValues)
        {
            Assert.IsNull(RegExpValidator.Validate("\\p{scx=" + name + "}", "u"), name);
        }
    }

    [TestMethod]
    public void Deep_nesting_is_accepted_to_acorn_depth_and_rejected_not_crashed_beyond()
    {
        // acorn accepts 1,000 levels and overflows its stack at 5,000; we must at least match the former and
        // never overflow the process stack.
        Assert.IsNull(RegExpValidator.Validate(new string('(', 1000) + new string(')', 1000), ""));
        Assert.IsNull(RegExpValidator.Validate(new string('[', 1000) + new string(']', 1000), "v"));
        Assert.IsNotNull(RegExpValidator.Validate(new string('(', 1_000_000) + new string(')', 1_000_000), ""));
        Assert.IsNotNull(RegExpValidator.Validate(new string('[', 1_000_000) + new string(']', 1_000_000), "v"));
    }

    private static string Describe(string pattern, string flags, string? expected, string? actual) =>
        $"  /{pattern}/{flags}: acorn {expected ?? "valid"}; ours {actual ?? "valid"}";

    private static List<(string, string, string?, string)> LoadCases()
    {
        var cases = new List<(string, string, string?, string)>();
        var section = string.Empty;
        foreach (var line in AcornRegExpVerdicts.Lines.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                section = line;
                continue;
            }

            var entry = JsonSerializer.Deserialize<string?[]>(line)
                ?? throw new InvalidOperationException("Bad fixture line: " + line);
            cases.Add((entry[0]!, entry[1]!, entry[2], section));
        }

        return cases;
    }
}
