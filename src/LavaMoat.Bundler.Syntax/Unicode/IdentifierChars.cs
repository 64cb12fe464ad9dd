using System.Globalization;

namespace LavaMoat.Bundler.Syntax.Unicode;

/// <summary>
/// ECMAScript IdentifierStart / IdentifierPart by code point: Unicode ID_Start / ID_Continue (derived from the
/// general categories plus Other_ID_Start / Other_ID_Continue, minus Pattern_Syntax / Pattern_White_Space),
/// '$', '_', ZWNJ and ZWJ. ASCII takes a table-free fast path.
/// </summary>
internal static class IdentifierChars
{
    public static bool IsIdentifierStart(int cp)
    {
        if (cp < 128)
        {
            return (uint)((cp | 0x20) - 'a') <= 'z' - 'a' || cp == '$' || cp == '_';
        }

        return IsIdStartNonAscii(cp);
    }

    public static bool IsIdentifierPart(int cp)
    {
        if (cp < 128)
        {
            return (uint)((cp | 0x20) - 'a') <= 'z' - 'a' || (uint)(cp - '0') <= 9 || cp == '$' || cp == '_';
        }

        if (cp is 0x200C or 0x200D)
        {
            return true;
        }

        if (IsIdStartNonAscii(cp))
        {
            return true;
        }

        if (cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(cp))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return !IsPatternSyntaxOrSpace(cp);
            default:
                // Other_ID_Continue.
                return cp is 0x00B7 or 0x0387 or (>= 0x1369 and <= 0x1371) or 0x19DA or 0x30FB or 0xFF65 || NewerIdentifierChars.IsIdContinue(cp);
        }
    }

    private static bool IsIdStartNonAscii(int cp)
    {
        if (cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(cp))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
                return !IsPatternSyntaxOrSpace(cp);
            default:
                // Other_ID_Start.
                return cp is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C || NewerIdentifierChars.IsIdStart(cp);
        }
    }

    // Pattern_Syntax code points that carry a letter/mark category (the rest of Pattern_Syntax is punctuation
    // or symbols and never reaches here).
    private static bool IsPatternSyntaxOrSpace(int cp) => cp is 0x2E2F;

    public static bool IsLineTerminator(int ch) => ch is '\n' or '\r' or 0x2028 or 0x2029;

    /// <summary>WhiteSpace other than line terminators: TAB VT FF SP NBSP ZWNBSP and category Zs.</summary>
    public static bool IsWhiteSpace(int ch)
    {
        if (ch < 128)
        {
            return ch is ' ' or '\t' or '\v' or '\f';
        }

        return ch is 0xA0 or 0xFEFF
            || (ch is 0x1680 or (>= 0x2000 and <= 0x200A) or 0x202F or 0x205F or 0x3000);
    }
}
