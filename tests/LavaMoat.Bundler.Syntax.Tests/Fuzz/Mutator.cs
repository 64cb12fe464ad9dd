using System.Text;

namespace LavaMoat.Bundler.Syntax.Tests.Fuzz;

/// <summary>
/// Deterministic source mutations: the same seed gives the same mutant on every machine, so a failure
/// reported by CI reproduces locally from its seed alone.
/// </summary>
public static class Mutator
{
    // Fragments that steer a parser into its less travelled paths: unbalanced brackets, template and regex
    // starts, comment openers, contextual keywords, line terminators (including U+2028), lone surrogates.
    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", "{", "}", ";", ",", ".", "?", ":", "=>", "...", "/", "*", "`", "'", "\"", "${", "#", "@",
        "\\", "<", ">", "=", "!", "~", "+", "-", "%", "^", "&", "|", "?.", "??", "**", "\n", "\r", "\u2028", "/*", "*/",
        "//", "<!--", "-->", "0x", "1e", "1_", "0b", "07", "9n", ".5", "\\u{", "\\u00", "async ", "await ", "yield ",
        "let ", "static ", "get ", "set ", "of ", "new.target", "import.meta", "import(", "export ", "class ", "function ",
        "super", "#x", "/a/gu", "/[/", "\ud800", "\udc00", "\u00a0", "\ufeff", "=", " ", "\t",
    ];

    /// <summary>One mutant of <paramref name="source"/> and a short description of what was done.</summary>
    public static (string Mutant, string Description) Mutate(string source, int seed)
    {
        var random = new Random(seed);
        var text = source;
        var steps = new List<string>();
        var count = random.Next(4) == 0 ? random.Next(2, 5) : 1;
        for (var i = 0; i < count; i++)
        {
            (text, var step) = MutateOnce(text, random);
            steps.Add(step);
        }

        return (text, string.Join("; ", steps));
    }

    private static (string, string) MutateOnce(string text, Random random)
    {
        if (text.Length == 0)
        {
            var fragment = Fragments[random.Next(Fragments.Length)];
            return (fragment, $"insert {Show(fragment)} into empty text");
        }

        switch (random.Next(11))
        {
            case 0:
            {
                var (start, length) = Range(text, random, 64);
                return (text.Remove(start, length), $"delete [{start},+{length})");
            }

            case 1:
            {
                var (start, length) = Range(text, random, 64);
                var at = random.Next(text.Length + 1);
                return (text.Insert(at, text.Substring(start, length)), $"duplicate [{start},+{length}) at {at}");
            }

            case 2:
            {
                var (a, aLength) = Range(text, random, 48);
                var (b, bLength) = Range(text, random, 48);
                if (a > b)
                {
                    (a, aLength, b, bLength) = (b, bLength, a, aLength);
                }

                if (a + aLength > b)
                {
                    return (text.Remove(a, aLength), $"delete [{a},+{aLength})");
                }

                var swapped = string.Concat(text.AsSpan(0, a), text.AsSpan(b, bLength), text.AsSpan(a + aLength, b - a - aLength), text.AsSpan(a, aLength)) + text[(b + bLength)..];
                return (swapped, $"swap [{a},+{aLength}) with [{b},+{bLength})");
            }

            case 3:
            case 4:
            {
                var tokens = Tokens(text);
                var first = random.Next(tokens.Count);
                var last = Math.Min(tokens.Count - 1, first + random.Next(3));
                var start = tokens[first].Start;
                var end = tokens[last].Start + tokens[last].Length;
                return (text.Remove(start, end - start), $"delete tokens [{start},{end}) {Show(text[start..end])}");
            }

            case 5:
            {
                var tokens = Tokens(text);
                var token = tokens[random.Next(tokens.Count)];
                var at = tokens[random.Next(tokens.Count)].Start;
                var piece = text.Substring(token.Start, token.Length);
                return (text.Insert(at, piece), $"duplicate token {Show(piece)} at {at}");
            }

            case 6:
            {
                var tokens = Tokens(text);
                var a = tokens[random.Next(tokens.Count)];
                var b = tokens[random.Next(tokens.Count)];
                if (a.Start > b.Start)
                {
                    (a, b) = (b, a);
                }

                if (a.Start + a.Length > b.Start)
                {
                    return (text, "swap a token with itself");
                }

                var swapped = string.Concat(text.AsSpan(0, a.Start), text.AsSpan(b.Start, b.Length), text.AsSpan(a.Start + a.Length, b.Start - a.Start - a.Length), text.AsSpan(a.Start, a.Length)) + text[(b.Start + b.Length)..];
                return (swapped, $"swap tokens at {a.Start} and {b.Start}");
            }

            case 7:
            case 8:
            {
                var fragment = Fragments[random.Next(Fragments.Length)];
                var at = random.Next(text.Length + 1);
                return (text.Insert(at, fragment), $"insert {Show(fragment)} at {at}");
            }

            case 9:
            {
                var at = random.Next(text.Length + 1);
                return (text[..at], $"truncate at {at}");
            }

            default:
            {
                // Byte-level damage: UTF-8 bytes changed, then decoded the way a file read would (U+FFFD for junk).
                var bytes = Encoding.UTF8.GetBytes(text);
                var at = random.Next(bytes.Length);
                var value = (byte)random.Next(256);
                bytes[at] = value;
                return (Encoding.UTF8.GetString(bytes), $"byte {at} := 0x{value:x2}");
            }
        }
    }

    private static (int Start, int Length) Range(string text, Random random, int maxLength)
    {
        var start = random.Next(text.Length);
        var length = random.Next(1, Math.Min(maxLength, text.Length - start) + 1);
        return (start, length);
    }

    // Token-ish pieces: runs of word characters, runs of whitespace, or single other characters.
    private static List<(int Start, int Length)> Tokens(string text)
    {
        var tokens = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            tokens.Add((start, i - start));
        }

        return tokens;
    }

    private static string Show(string piece)
    {
        var shown = piece.Length <= 40 ? piece : piece[..40] + "…";
        var builder = new StringBuilder("`");
        foreach (var c in shown)
        {
            builder.Append(c < ' ' || char.IsSurrogate(c) || c > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.Append('`').ToString();
    }
}
