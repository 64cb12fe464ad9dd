namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Where source-map segments go: at every character that starts a token, by a cheap character rule (no
/// tokenizer). Shared by the writer (modules kept as written) and the transforms (text copied between edits), so
/// both map the same positions.
/// </summary>
internal static class TokenStarts
{
    /// <summary>True when <paramref name="text"/>[<paramref name="i"/>], a non-blank character, starts a token;
    /// <paramref name="runStart"/> is where the current run of text starts (a line, or a copied segment).</summary>
    public static bool StartsToken(string text, int i, int runStart) =>
        i == runStart
        || char.IsWhiteSpace(text[i - 1])
        || !IsIdentifierPart(text[i])
        || !IsIdentifierPart(text[i - 1]);

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > 0x7f;
}
