using System.Text;

namespace LavaMoat.Bundler.Emit;

/// <summary>The base64 VLQ encoding of source map v3 <c>mappings</c> fields.</summary>
internal static class Base64Vlq
{
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static void Encode(StringBuilder output, int value)
    {
        // Sign in the lowest bit, then 5-bit groups, least significant first, with a continuation bit.
        var vlq = value < 0 ? ((long)-value << 1) | 1 : (long)value << 1;
        do
        {
            var digit = (int)(vlq & 31);
            vlq >>= 5;
            if (vlq > 0)
            {
                digit |= 32;
            }
            output.Append(Digits[digit]);
        }
        while (vlq > 0);
    }
}
