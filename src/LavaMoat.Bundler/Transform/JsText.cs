using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.Transform;

/// <summary>Small pieces of generated JavaScript text.</summary>
internal static partial class JsText
{
    /// <summary>
    /// A double-quoted string literal. Everything outside a plain ASCII set is escaped, so generated text can
    /// contain no <c>&lt;!--</c>, <c>--&gt;</c>, <c>import(</c>, line terminator or non-ASCII character, whatever
    /// the name or specifier it quotes.
    /// </summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '@' or '_' or '$' or '-' or ' ' or '~' or '#' or ':' or '+' or ',')
            {
                text.Append(c);
            }
            else
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A property access: <c>.name</c> for a plain identifier name, else <c>["…"]</c>.</summary>
    public static string Member(string name) => PlainName().IsMatch(name) ? "." + name : "[" + String(name) + "]";

    /// <summary>An object-literal key; <c>__proto__</c> is computed so it defines a property instead of setting the prototype.</summary>
    public static string Key(string name) => name == "__proto__" ? "[" + String(name) + "]" : String(name);

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex PlainName();
}
