namespace LavaMoat.Bundler.Syntax.RegExp;

/// <summary>
/// Early-error validation of regular expression literals (ES2025 pattern grammar, Annex B when neither
/// <c>u</c> nor <c>v</c> is set). Accept/reject agrees with acorn 8.19 (ecmaVersion "latest"); the messages use
/// acorn's wording so diagnostics line up with the reference parser.
/// </summary>
public static class RegExpValidator
{
    /// <summary>
    /// Checks a regular expression literal's body and flags against the ECMAScript grammar (Annex B
    /// syntax when neither <c>u</c> nor <c>v</c> is set, as browsers do). Returns null when valid, else
    /// the reason in acorn's words (for example "Invalid regular expression flag" or
    /// "Invalid regular expression: /(/: Unterminated group").
    /// </summary>
    public static string? Validate(string pattern, string flags)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(flags);

        var unicode = false;
        var unicodeSets = false;
        for (var i = 0; i < flags.Length; i++)
        {
            var flag = flags[i];
            if (flag is not ('d' or 'g' or 'i' or 'm' or 's' or 'u' or 'v' or 'y'))
            {
                return "Invalid regular expression flag";
            }

            // Looking ahead (rather than remembering what came before) reproduces acorn's choice of message
            // when a string has both an unknown and a repeated flag.
            if (flags.IndexOf(flag, i + 1) >= 0)
            {
                return "Duplicate regular expression flag";
            }

            unicode |= flag == 'u';
            unicodeSets |= flag == 'v';
        }

        if (unicode && unicodeSets)
        {
            return "Invalid regular expression flag";
        }

        var parser = new RegExpPatternParser(pattern, unicode || unicodeSets, unicodeSets);
        try
        {
            parser.ParsePattern();

            // Annex B: the pattern is first read as Pattern[~U, ~N]; if it contains a group name, it is read
            // again as Pattern[~U, +N], where \k must start a named reference.
            if (!unicode && !unicodeSets && parser.HasNamedGroups)
            {
                parser.EnableNamedGroups();
                parser.ParsePattern();
            }
        }
        catch (RegExpSyntaxException error)
        {
            return "Invalid regular expression: /" + pattern + "/: " + error.Message;
        }

        return null;
    }
}
