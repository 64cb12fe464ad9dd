using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.Resolution;

/// <summary>The glob patterns of package.json's array-form <c>sideEffects</c>, as webpack reads them.</summary>
internal static class SideEffectPattern
{
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="relativePath"/> (relative to the package folder, '/'-separated) matches.</summary>
    public static bool Matches(string pattern, string relativePath) =>
        Compiled.GetOrAdd(pattern, ToRegex).IsMatch(relativePath);

    private static Regex ToRegex(string pattern)
    {
        var glob = pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (!glob.Contains('/', StringComparison.Ordinal))
        {
            // "*.css" means such a file anywhere in the package.
            glob = "**/" + glob;
        }

        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
