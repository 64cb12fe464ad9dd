using System.Globalization;
using System.Numerics;
using LavaMoat.Bundler.Syntax.Unicode;

namespace LavaMoat.Bundler.Syntax;

internal sealed partial class Tokenizer
{
    private void ReadNumber(bool startsWithDot)
    {
        var start = _pos;
        var first = _src[_pos];
        if (!startsWithDot && first == '0')
        {
            var next = CharAt(_pos + 1) | 0x20;
            var radix = next switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 0 };
            if (radix != 0)
            {
                ReadRadixNumber(start, radix);
                return;
            }
        }

        var octal = false;
        if (!startsWithDot)
        {
            ReadDigits(10, first == '0');
            octal = _pos - start >= 2 && first == '0';
            if (octal && Strict)
            {
                throw Error(start, "Invalid number");
            }

            if (!octal && CharAt(_pos) == 'n')
            {
                var big = BigInteger.Parse(StripSeparators(start, _pos), NumberStyles.None, CultureInfo.InvariantCulture);
                _pos++;
                CheckNoIdentifierAfterNumber();
                Current.Type = TokenType.BigInt;
                Current.Value = big;
                return;
            }

            if (octal && _src.AsSpan(start, _pos - start).IndexOfAny('8', '9') >= 0)
            {
                // 08 and 09 are decimal ("NonOctalDecimalIntegerLiteral"), still sloppy-only.
                octal = false;
            }
        }

        var next2 = CharAt(_pos);
        if (next2 == '.' && !octal)
        {
            _pos++;
            ReadDigits(10, false);
            next2 = CharAt(_pos);
        }

        if ((next2 == 'e' || next2 == 'E') && !octal)
        {
            _pos++;
            if (CharAt(_pos) is '+' or '-')
            {
                _pos++;
            }

            if (ReadDigits(10, false) == 0)
            {
                throw Error(start, "Invalid number");
            }
        }

        CheckNoIdentifierAfterNumber();
        double value;
        if (octal)
        {
            value = 0;
            for (var i = start; i < _pos; i++)
            {
                value = (value * 8) + (_src[i] - '0');
            }
        }
        else
        {
            value = double.Parse(StripSeparators(start, _pos), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        }

        Current.Type = TokenType.Number;
        Current.Value = value;
    }

    private void ReadRadixNumber(int start, int radix)
    {
        _pos += 2;
        var digitsStart = _pos;
        if (ReadDigits(radix, false) == 0)
        {
            throw Error(start + 2, "Expected number in radix " + radix.ToString(CultureInfo.InvariantCulture));
        }

        if (CharAt(_pos) == 'n')
        {
            var big = BigInteger.Zero;
            for (var i = digitsStart; i < _pos; i++)
            {
                var d = DigitValue(_src[i]);
                if (d >= 0)
                {
                    big = (big * radix) + d;
                }
            }

            _pos++;
            CheckNoIdentifierAfterNumber();
            Current.Type = TokenType.BigInt;
            Current.Value = big;
            return;
        }

        CheckNoIdentifierAfterNumber();
        double value = 0;
        for (var i = digitsStart; i < _pos; i++)
        {
            var d = DigitValue(_src[i]);
            if (d >= 0)
            {
                value = (value * radix) + d;
            }
        }

        Current.Type = TokenType.Number;
        Current.Value = value;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Reads digits with numeric separators; returns the number of digits read.</summary>
    private int ReadDigits(int radix, bool legacyOctalCandidate)
    {
        var isLegacyOctal = legacyOctalCandidate && CharAt(_pos) == '0';
        var count = 0;
        var lastWasSeparator = false;
        var start = _pos;
        while (_pos < _length)
        {
            var c = _src[_pos];
            if (c == '_')
            {
                if (isLegacyOctal)
                {
                    throw Error(_pos, "Numeric separator is not allowed in legacy octal numeric literals");
                }

                if (lastWasSeparator)
                {
                    throw Error(_pos, "Numeric separator must be exactly one underscore");
                }

                if (_pos == start)
                {
                    throw Error(_pos, "Numeric separator is not allowed at the first of digits");
                }

                lastWasSeparator = true;
                _pos++;
                continue;
            }

            var d = DigitValue(c);
            if (d < 0 || d >= radix)
            {
                break;
            }

            lastWasSeparator = false;
            count++;
            _pos++;
        }

        if (lastWasSeparator)
        {
            throw Error(_pos - 1, "Numeric separator is not allowed at the last of digits");
        }

        return count;
    }

    private string StripSeparators(int start, int end)
    {
        var span = _src.AsSpan(start, end - start);
        return span.Contains('_') ? span.ToString().Replace("_", string.Empty, StringComparison.Ordinal) : span.ToString();
    }

    private void CheckNoIdentifierAfterNumber()
    {
        var cp = CodePointAt(_pos);
        if (cp >= 0 && (cp == '\\' || IdentifierChars.IsIdentifierStart(cp)))
        {
            throw Error(_pos, "Identifier directly after number");
        }
    }
}
