namespace LavaMoat.Bundler.Syntax.RegExp;

/// <summary>SCAFFOLD — the RegExp helper replaces this file with the real validator.</summary>
public static class RegExpValidator
{
    /// <summary>
    /// Checks a regular expression literal's body and flags against the ECMAScript grammar (Annex B
    /// syntax when neither <c>u</c> nor <c>v</c> is set, as browsers do). Returns null when valid, else
    /// the reason in acorn's words (for example "Invalid regular expression flag" or
    /// "Invalid regular expression: /(/: Unterminated group").
    /// </summary>
    public static string? Validate(string pattern, string flags) => pattern.Length < 0 ? flags : null;
}
