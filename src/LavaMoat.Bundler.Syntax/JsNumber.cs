using System.Globalization;

namespace LavaMoat.Bundler.Syntax;

/// <summary>ECMAScript's Number::toString(10): the text JavaScript (and so JSON.stringify) prints for a double.</summary>
public static class JsNumber
{
    public static string ToJsString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0"; // -0 prints as 0 too
        }

        if (value < 0)
        {
            return "-" + ToJsString(-value);
        }

        // .NET's "R" gives the shortest round-tripping digits, the same digit string the spec asks for;
        // only the layout (where the point goes, when to switch to an exponent) differs.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = SplitDigits(shortest);
        var k = digits.Length;
        var n = exponent; // value = 0.d1d2...dk × 10^n

        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var sign = e < 0 ? "-" : "+";
        var mantissa = k == 1 ? digits : digits[0] + "." + digits[1..];
        return mantissa + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
    }

    // Splits .NET's "R" text ("1.2345E+21", "0.001", "123") into significant digits and the exponent n
    // of the form 0.digits × 10^n.
    private static (string Digits, int Exponent) SplitDigits(string text)
    {
        var exponentPart = 0;
        var eIndex = text.IndexOfAny(['E', 'e']);
        if (eIndex >= 0)
        {
            exponentPart = int.Parse(text.AsSpan(eIndex + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..eIndex];
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = point >= 0 ? text[..point] : text;
        var fracPart = point >= 0 ? text[(point + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var pointPos = intPart.Length + exponentPart;

        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        all = all[lead..];
        pointPos -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            return ("0", 1);
        }

        return (all, pointPos);
    }
}
