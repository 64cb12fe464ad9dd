using System.Globalization;

namespace LavaMoat.Bundler.Syntax.RegExp;

/// <summary>
/// ID_Start / ID_Continue for capture group names (RegExpIdentifierStart / RegExpIdentifierPart), derived from
/// .NET's General_Category data plus the Other_ID_Start / Other_ID_Continue code points that the categories miss.
/// </summary>
internal static class RegExpIdentifierChars
{
    /// <summary>UnicodeIDStart, <c>$</c> or <c>_</c>.</summary>
    public static bool IsStart(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '$' or '_';
        }

        if (!IsScalar(codePoint))
        {
            return false;
        }

        switch (codePoint)
        {
            // Other_ID_Start: kept for backward compatibility although their category is no longer a letter.
            case 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C:
                return true;

            // Pattern_Syntax code points are excluded from ID_Start even when their category is a letter.
            case 0x2E2F:
                return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
            UnicodeCategory.OtherNotAssigned => InRanges(NewerIdStart, codePoint),
            _ => false,
        };
    }

    /// <summary>UnicodeIDContinue, <c>$</c>, <c>_</c>, ZWNJ or ZWJ.</summary>
    public static bool IsPart(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '$' or '_';
        }

        if (!IsScalar(codePoint))
        {
            return false;
        }

        switch (codePoint)
        {
            // Other_ID_Continue (with ZWNJ/ZWJ, which RegExpIdentifierPart names explicitly anyway).
            case 0x00B7 or 0x0387 or (>= 0x1369 and <= 0x1371) or 0x19DA or 0x200C or 0x200D or 0x30FB or 0xFF65:
                return true;
        }

        return IsStart(codePoint) || CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
            UnicodeCategory.OtherNotAssigned => InRanges(NewerIdContinueOnly, codePoint),
            _ => false,
        };
    }

    private static bool IsScalar(int codePoint) => codePoint <= 0x10FFFF && codePoint is < 0xD800 or > 0xDFFF;

    /// <summary>Pairs of inclusive bounds; short lists only consulted for code points .NET calls unassigned.</summary>
    private static bool InRanges(ReadOnlySpan<int> ranges, int codePoint)
    {
        for (var i = 0; i < ranges.Length; i += 2)
        {
            if (codePoint < ranges[i])
            {
                return false;
            }

            if (codePoint <= ranges[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    // .NET 10's character data predates Unicode 17.0, which acorn 8.19 (our reference) follows. These are the
    // ID_Start and ID_Continue-only code points assigned in Unicode 17.0 (DerivedCoreProperties.txt), as
    // inclusive ranges; the RegExp tests compare every code point against acorn's identifier tables.
    private static ReadOnlySpan<int> NewerIdStart =>
    [
        0x558, 0x558, 0x58B, 0x58C, 0x88F, 0x88F, 0xC5C, 0xC5C, 0xCDC, 0xCDC, 0x208F, 0x208F, 0x209D,
        0x209F, 0xA7CE, 0xA7CF, 0xA7D2, 0xA7D2, 0xA7D4, 0xA7D4, 0xA7DD, 0xA7DD, 0xA7E2, 0xA7E2, 0xA7F1,
        0xA7F1, 0xAB6C, 0xAB6D, 0x107BB, 0x107BF, 0x10940, 0x10959, 0x10EC5, 0x10EC7, 0x10ED9, 0x10EEE,
        0x11B0A, 0x11B0A, 0x11DB0, 0x11DDB, 0x11DF1, 0x11DF1, 0x1246F, 0x1246F, 0x12475, 0x1247F, 0x12550,
        0x12686, 0x16EA0, 0x16EB8, 0x16EBB, 0x16ED3, 0x16FF2, 0x16FF6, 0x187F8, 0x187FF, 0x18CD6, 0x18CDA,
        0x18D09, 0x18D20, 0x18D80, 0x18DF2, 0x18E00, 0x19191, 0x191A0, 0x191D2, 0x1B123, 0x1B128, 0x1B168,
        0x1B168, 0x1D6A6, 0x1D6A6, 0x1DF1F, 0x1DF24, 0x1DF2B, 0x1DF81, 0x1DF90, 0x1DF96, 0x1DFCD, 0x1DFFF,
        0x1E6C0, 0x1E6DE, 0x1E6E0, 0x1E6E2, 0x1E6E4, 0x1E6E5, 0x1E6E7, 0x1E6ED, 0x1E6F0, 0x1E6F4, 0x1E6FE,
        0x1E6FF, 0x2B73A, 0x2B73F, 0x2B81E, 0x2B81E, 0x2CEA2, 0x2CEAD, 0x323B0, 0x33479, 0x3D000, 0x3FC3F,
    ];

    private static ReadOnlySpan<int> NewerIdContinueOnly =>
    [
        0x5C8, 0x5C9, 0xB53, 0xB54, 0x1ACF, 0x1AF0, 0x10ECB, 0x10ECF, 0x10EF0, 0x10EFB, 0x11B60, 0x11B67,
        0x11DE0, 0x11DE9, 0x11DF0, 0x11DF0, 0x1D127, 0x1D128, 0x1D250, 0x1D252, 0x1D25B, 0x1D25C, 0x1D25F,
        0x1D25F, 0x1D280, 0x1D281, 0x1E6E3, 0x1E6E3, 0x1E6E6, 0x1E6E6, 0x1E6EE, 0x1E6EF, 0x1E6F5, 0x1E6F5,
    ];
}
