using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tests.Emit;

/// <summary>The writer scans untransformed modules by character classes; that must be the token-start rule the
/// transforms use, for every character.</summary>
[TestClass]
public sealed class TokenStartsTests
{
    [TestMethod]
    public void Classes_give_the_same_token_starts_as_the_rule()
    {
        // All ASCII, blanks and identifier parts beyond it, and a sample of the rest.
        var sample = Enumerable.Range(0, 128).Select(c => (char)c)
            .Concat("\u0085\u00A0\u00E9\u1680\u2000\u2028\u2029\u202F\u3000\uFEFF\uD83D\uDE00")
            .Concat(Enumerable.Range(128, 0xFF80).Where(c => c % 251 == 0).Select(c => (char)c))
            .ToList();
        // Every character after one of each class, and every pair of the sample.
        var pairs = Enumerable.Range(0, char.MaxValue + 1).SelectMany(c => "a (é\u00A0".Select(previous => (previous, (char)c)))
            .Concat(sample.SelectMany(previous => sample.Select(c => (previous, c))));
        foreach (var (previous, current) in pairs)
        {
            var currentClass = TokenStarts.Classify(current);
            Assert.AreEqual(char.IsWhiteSpace(current), currentClass == CharClass.Blank, $"U+{(int)current:X4}");
            if (currentClass == CharClass.Blank)
            {
                continue;
            }

            Assert.IsTrue(TokenStarts.StartsToken(current.ToString(), 0, 0), $"U+{(int)current:X4} at the start of a run");
            var byClasses = currentClass != CharClass.IdentifierPart || TokenStarts.Classify(previous) != CharClass.IdentifierPart;
            Assert.AreEqual(TokenStarts.StartsToken(new string([previous, current]), 1, 0), byClasses, $"U+{(int)previous:X4} U+{(int)current:X4}");
        }
    }
}
