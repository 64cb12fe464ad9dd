namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Where source-map segments go: at every character that starts a token, by a cheap character rule (no
/// tokenizer). Shared by the writer (modules kept as written) and the transforms (text copied between edits), so
/// both map the same positions.
/// </summary>
internal static class TokenStarts
{
    /// <summary>The classes of the ASCII characters, for scanning loops to hold in a local (ReadyToRun code checks
    /// that a class is initialised at each use of its static fields).</summary>
    public static readonly CharClass[] AsciiClasses = AsciiTable();

    /// <summary>True when <paramref name="text"/>[<paramref name="i"/>], a non-blank character, starts a token;
    /// <paramref name="runStart"/> is where the current run of text starts (a line, or a copied segment).</summary>
    public static bool StartsToken(string text, int i, int runStart) =>
        i == runStart
        || char.IsWhiteSpace(text[i - 1])
        || !IsIdentifierPart(text[i])
        || !IsIdentifierPart(text[i - 1]);

    /// <summary>
    /// The same rule by classes, for scanning a run in one pass: a character starts a token when it is not
    /// <see cref="CharClass.Blank"/> and not an identifier part right after another one (take the class before
    /// a run's first character to be blank).
    /// </summary>
    public static CharClass Classify(char c) => c < 128 ? AsciiClasses[c] : ClassifyByRule(c);

    private static CharClass[] AsciiTable()
    {
        var table = new CharClass[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = ClassifyByRule((char)c);
        }

        return table;
    }

    private static CharClass ClassifyByRule(char c) =>
        char.IsWhiteSpace(c) ? CharClass.Blank
        : IsIdentifierPart(c) ? CharClass.IdentifierPart
        : CharClass.Other;

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > 0x7f;
}

/// <summary>How <see cref="TokenStarts"/> sees a character.</summary>
internal enum CharClass : byte
{
    Blank,
    IdentifierPart,
    Other,
}
