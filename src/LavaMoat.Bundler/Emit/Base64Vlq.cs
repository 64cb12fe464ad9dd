using System.Text;

namespace LavaMoat.Bundler.Emit;

/// <summary>The base64 VLQ encoding of source map v3 <c>mappings</c> fields.</summary>
internal static class Base64Vlq
{
    /// <summary>The longest encoding of an <see cref="int"/>: 32 bits and the sign in 5-bit groups.</summary>
    public const int MaxLength = 7;

    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static void Encode(StringBuilder output, int value)
    {
        var vlq = SignInLowestBit(value);
        do
        {
            output.Append(NextDigit(ref vlq));
        }
        while (vlq > 0);
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="output"/> at <paramref name="index"/> (room for
    /// <see cref="MaxLength"/> characters) and returns the index after it.</summary>
    /// <remarks>Plain array indexing: the tool runs precompiled (ReadyToRun) code, which does not inline the span
    /// helpers of the runtime library, and every segment of a source map comes through here.</remarks>
    public static int Encode(char[] output, int index, int value)
    {
        var vlq = SignInLowestBit(value);
        do
        {
            output[index++] = NextDigit(ref vlq);
        }
        while (vlq > 0);
        return index;
    }

    /// <summary>The one digit of a value from 0 to 15.</summary>
    public static char SmallDigit(int value) => Digits[value << 1];

    private static long SignInLowestBit(int value) => value < 0 ? ((long)-value << 1) | 1 : (long)value << 1;

    // 5-bit groups, least significant first, with a continuation bit.
    private static char NextDigit(ref long vlq)
    {
        var digit = (int)(vlq & 31);
        vlq >>= 5;
        if (vlq > 0)
        {
            digit |= 32;
        }
        return Digits[digit];
    }
}
