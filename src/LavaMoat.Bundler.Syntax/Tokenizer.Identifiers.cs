using System.Text;
using LavaMoat.Bundler.Syntax.Unicode;

namespace LavaMoat.Bundler.Syntax;

internal sealed partial class Tokenizer
{
    private bool IsNonAsciiWordStart() => IdentifierChars.IsIdentifierStart(CodePointAt(_pos));

    public string Intern(ReadOnlySpan<char> name)
    {
        if (_nameLookup.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var s = name.ToString();
        _names[s] = s;
        return s;
    }

    private void ReadWord()
    {
        var start = _pos;
        while (_pos < _length)
        {
            var ch = _src[_pos];
            if (ch < 128 && ch != '\\' && IdentifierChars.IsIdentifierPart(ch))
            {
                _pos++;
                continue;
            }

            if (ch >= 128 || ch == '\\')
            {
                ReadWordSlow(start);
                return;
            }

            break;
        }

        var span = _src.AsSpan(start, _pos - start);
        var type = TokenTypes.KeywordOrName(span);
        Current.Type = type;
        Current.Value = type == TokenType.Name ? Intern(span) : type.Text();
    }

    private void ReadWordSlow(int start)
    {
        var word = ReadWordText(start, out var escaped);
        var type = TokenTypes.KeywordOrName(word);
        Current.Type = type;
        Current.ContainsEscape = escaped;
        Current.Value = type == TokenType.Name ? Intern(word) : type.Text();
    }

    /// <summary>Reads an IdentifierName from <c>_pos</c> (which may already be past <paramref name="start"/>), decoding escapes.</summary>
    private string ReadWordText(int start, out bool escaped)
    {
        escaped = false;
        StringBuilder? sb = null;
        var chunkStart = start;
        var pos = start;
        var first = true;
        while (pos < _length)
        {
            var cp = CodePointAt(pos);
            if (cp == '\\')
            {
                sb ??= new StringBuilder();
                sb.Append(_src, chunkStart, pos - chunkStart);
                escaped = true;
                var escStart = pos;
                if (CharAt(pos + 1) != 'u')
                {
                    throw Error(pos + 1, "Expected Unicode escape sequence");
                }

                _pos = pos + 2;
                var esc = ReadCodePointEscape(out var errPos, out var errMessage);
                if (esc < 0)
                {
                    throw Error(errPos, errMessage!);
                }

                if (!(first ? IdentifierChars.IsIdentifierStart(esc) : IdentifierChars.IsIdentifierPart(esc)))
                {
                    throw Error(escStart, "Invalid Unicode escape");
                }

                sb.Append(char.ConvertFromUtf32(esc));
                pos = _pos;
                chunkStart = pos;
            }
            else if (first ? IdentifierChars.IsIdentifierStart(cp) : IdentifierChars.IsIdentifierPart(cp))
            {
                pos += cp > 0xFFFF ? 2 : 1;
            }
            else
            {
                break;
            }

            first = false;
        }

        _pos = pos;
        if (sb is null)
        {
            return _src.Substring(start, pos - start);
        }

        sb.Append(_src, chunkStart, pos - chunkStart);
        return sb.ToString();
    }

    private void ReadPrivateName()
    {
        var start = _pos;
        _pos++;
        var cp = CodePointAt(_pos);
        if (cp != '\\' && !IdentifierChars.IsIdentifierStart(cp))
        {
            throw Error(_pos, cp < 0 ? "Unexpected character '#'" : $"Unexpected character '{char.ConvertFromUtf32(cp is >= 0xD800 and <= 0xDFFF ? 0xFFFD : cp)}'");
        }

        var word = ReadWordText(_pos, out var escaped);
        Current.Type = TokenType.PrivateName;
        Current.ContainsEscape = escaped;
        Current.Value = Intern(word);
    }
}
