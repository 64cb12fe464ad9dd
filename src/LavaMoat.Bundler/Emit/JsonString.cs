using System.Buffers;
using System.Globalization;
using System.Text;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// JSON string literals for large texts (source maps carry every module's source). Escapes exactly what RFC 8259
/// requires — the quote, the backslash and control characters — plus unpaired surrogates (which UTF-8 cannot
/// carry); everything else is copied in spans.
/// </summary>
internal static class JsonString
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"
        + Surrogates());

    // Every UTF-16 surrogate, U+D800 to U+DFFF.
    private static string Surrogates() => string.Create(0x800, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }
    });

    /// <summary>The literal in a builder of its own, sized for a source text with a few escapes per line.</summary>
    public static StringBuilder Quote(string value)
    {
        var output = new StringBuilder(value.Length + (value.Length / 16) + 2);
        Append(output, value);
        return output;
    }

    public static void Append(StringBuilder output, string value)
    {
        output.Append('"');
        var rest = value.AsSpan();
        while (true)
        {
            var next = rest.IndexOfAny(NeedsEscape);
            if (next < 0)
            {
                output.Append(rest);
                break;
            }

            output.Append(rest[..next]);
            var c = rest[next];
            var consumed = 1;
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    if (char.IsHighSurrogate(c) && next + 1 < rest.Length && char.IsLowSurrogate(rest[next + 1]))
                    {
                        output.Append(c).Append(rest[next + 1]);
                        consumed = 2;
                    }
                    else
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }

            rest = rest[(next + consumed)..];
        }

        output.Append('"');
    }
}
