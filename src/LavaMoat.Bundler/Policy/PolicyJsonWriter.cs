using System.Globalization;
using System.Text;

namespace LavaMoat.Bundler.Policy;

/// <summary>
/// Writes JSON exactly as lavamoat-core's <c>jsonStringifySortedPolicy</c> does (json-stable-stringify with
/// <c>space: 2</c> and the diff-friendly key comparator), so a policy we write produces no diff against one LavaMoat
/// wrote. Details that matter for byte equality: keys are sorted at every level; an empty object or array still
/// gets a line break (<c>{\n  }</c>); strings and numbers are formatted as JavaScript's <c>JSON.stringify</c> does;
/// there is no trailing newline.
/// </summary>
internal static class PolicyJsonWriter
{
    private const string Space = "  ";

    public static string Stringify(PolicyJsonNode node)
    {
        var text = new StringBuilder();
        Write(text, node, 0);
        return text.ToString();
    }

    /// <summary>
    /// lavamoat-core's comparator: a key containing <c>&gt;</c> compares as its segments reversed and joined with
    /// <c>&lt;</c>, so <c>a&gt;b</c> sorts next to <c>b</c>; otherwise UTF-16 code unit order (JS <c>&lt;</c>).
    /// </summary>
    public static int CompareKeys(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        var result = string.CompareOrdinal(SortForm(a), SortForm(b));
        // Two different keys can share a sort form ("a>b" and "b<a"); JS then answers 1 both ways, which has no
        // defined result, so break the tie by the keys themselves to stay deterministic.
        return result != 0 ? result : string.CompareOrdinal(a, b);
    }

    private static string SortForm(string key) =>
        key.Contains('>', StringComparison.Ordinal) ? string.Join('<', key.Split('>').Reverse()) : key;

    private static void Write(StringBuilder text, PolicyJsonNode node, int level)
    {
        switch (node)
        {
            case PolicyJsonString s:
                Quote(text, s.Value);
                break;
            case PolicyJsonNumber n:
                text.Append(FormatNumber(n.Value));
                break;
            case PolicyJsonBool b:
                text.Append(b.Value ? "true" : "false");
                break;
            case PolicyJsonNull:
                text.Append("null");
                break;
            case PolicyJsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    NewLine(text, level + 1);
                    Write(text, array.Items[i], level + 1);
                }

                NewLine(text, level);
                text.Append(']');
                break;
            case PolicyJsonObject obj:
                var members = obj.Members.ToList();
                members.Sort((x, y) => CompareKeys(x.Key, y.Key));
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    NewLine(text, level + 1);
                    Quote(text, members[i].Key);
                    text.Append(": ");
                    Write(text, members[i].Value, level + 1);
                }

                NewLine(text, level);
                text.Append('}');
                break;
        }
    }

    private static void NewLine(StringBuilder text, int level)
    {
        text.Append('\n');
        for (var i = 0; i < level; i++)
        {
            text.Append(Space);
        }
    }

    /// <summary>JSON.stringify's QuoteJSONString: only quote, backslash, controls and lone surrogates are escaped.</summary>
    internal static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>ECMAScript Number::toString (shortest round-trip digits, then its fixed/exponent layout rules).</summary>
    internal static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null";
        }

        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : "";
        var round = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = round.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(round.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            round = round[..e];
        }

        var dot = round.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? round.Remove(dot, 1) : round;
        var point = dot >= 0 ? dot : round.Length;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..].TrimEnd('0');
        var k = digits.Length;
        var n = point - lead + exponent; // value = 0.digits × 10^n
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var exp = n - 1;
            var expText = (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
            body = k == 1 ? digits + "e" + expText : digits[..1] + "." + digits[1..] + "e" + expText;
        }

        return sign + body;
    }
}
