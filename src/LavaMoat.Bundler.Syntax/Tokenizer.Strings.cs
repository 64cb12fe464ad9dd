using System.Text;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Unicode;

namespace LavaMoat.Bundler.Syntax;

internal sealed partial class Tokenizer
{
    private StringBuilder? _buffer;

    private StringBuilder Buffer()
    {
        var sb = _buffer ??= new StringBuilder();
        sb.Clear();
        return sb;
    }

    private void ReadString(char quote)
    {
        var start = _pos;
        _pos++;
        var chunkStart = _pos;
        StringBuilder? sb = null;
        while (true)
        {
            if (_pos >= _length)
            {
                throw Error(start, "Unterminated string constant");
            }

            var ch = _src[_pos];
            if (ch == quote)
            {
                break;
            }

            if (ch == '\\')
            {
                if (_pos + 1 >= _length)
                {
                    throw Error(start, "Unterminated string constant");
                }

                sb ??= Buffer();
                sb.Append(_src, chunkStart, _pos - chunkStart);
                if (!ReadEscape(sb, false, out var errPos, out var errMessage))
                {
                    throw Error(errPos, errMessage!);
                }

                chunkStart = _pos;
                continue;
            }

            if (ch is '\n' or '\r')
            {
                throw Error(start, "Unterminated string constant");
            }

            _pos++;
            if (ch is '\u2028' or '\u2029')
            {
                NewLine(_pos);
            }
        }

        string value;
        if (sb is null)
        {
            value = _src.Substring(chunkStart, _pos - chunkStart);
        }
        else
        {
            sb.Append(_src, chunkStart, _pos - chunkStart);
            value = sb.ToString();
        }

        _pos++;
        Current.Type = TokenType.String;
        Current.Value = value;
    }

    /// <summary>
    /// Reads one escape sequence at <c>_pos</c> (the backslash) into <paramref name="sb"/>. Returns false with the
    /// error position and message when the escape is invalid (templates then carry on; strings throw).
    /// </summary>
    private bool ReadEscape(StringBuilder sb, bool inTemplate, out int errPos, out string? errMessage)
    {
        errPos = 0;
        errMessage = null;
        _pos++;
        if (_pos >= _length)
        {
            errPos = _pos;
            errMessage = inTemplate ? "Unterminated template" : "Unterminated string constant";
            return false;
        }

        var ch = _src[_pos];
        _pos++;
        switch (ch)
        {
            case 'n':
                sb.Append('\n');
                return true;
            case 'r':
                sb.Append('\r');
                return true;
            case 't':
                sb.Append('\t');
                return true;
            case 'b':
                sb.Append('\b');
                return true;
            case 'v':
                sb.Append('\v');
                return true;
            case 'f':
                sb.Append('\f');
                return true;
            case 'x':
                {
                    var codePos = _pos;
                    var v = ReadHex(2);
                    if (v < 0)
                    {
                        errPos = codePos;
                        errMessage = "Bad character escape sequence";
                        return false;
                    }

                    sb.Append((char)v);
                    return true;
                }

            case 'u':
                {
                    var cp = ReadCodePointEscape(out errPos, out errMessage);
                    if (cp < 0)
                    {
                        return false;
                    }

                    if (cp > 0xFFFF)
                    {
                        sb.Append(char.ConvertFromUtf32(cp));
                    }
                    else
                    {
                        sb.Append((char)cp);
                    }

                    return true;
                }

            case '\r':
                if (CharAt(_pos) == '\n')
                {
                    _pos++;
                }

                NewLine(_pos);
                return true;
            case '\n' or '\u2028' or '\u2029':
                NewLine(_pos);
                return true;
            case '8' or '9':
                if (Strict || inTemplate)
                {
                    errPos = _pos - 1;
                    errMessage = inTemplate ? "Invalid escape sequence in template string" : "Invalid escape sequence";
                    return false;
                }

                sb.Append(ch);
                return true;
            case >= '0' and <= '7':
                {
                    var digitsStart = _pos - 1;
                    var end = digitsStart;
                    while (end < _length && end - digitsStart < 3 && _src[end] is >= '0' and <= '7')
                    {
                        end++;
                    }

                    var value = 0;
                    for (var i = digitsStart; i < end; i++)
                    {
                        value = (value * 8) + (_src[i] - '0');
                    }

                    if (value > 255)
                    {
                        end--;
                        value >>= 3;
                    }

                    _pos = end;
                    var after = CharAt(_pos);
                    var isZeroOnly = end - digitsStart == 1 && ch == '0';
                    if (!isZeroOnly || after == '8' || after == '9')
                    {
                        if (Strict || inTemplate)
                        {
                            errPos = digitsStart - 1;
                            errMessage = inTemplate ? "Octal literal in template string" : "Octal literal in strict mode";
                            return false;
                        }
                    }

                    sb.Append((char)value);
                    return true;
                }

            default:
                if (char.IsHighSurrogate(ch) && _pos < _length && char.IsLowSurrogate(_src[_pos]))
                {
                    sb.Append(ch).Append(_src[_pos]);
                    _pos++;
                    return true;
                }

                sb.Append(ch);
                return true;
        }
    }

    private int ReadHex(int digits)
    {
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var d = _pos < _length ? HexValue(_src[_pos]) : -1;
            if (d < 0)
            {
                return -1;
            }

            value = (value << 4) | d;
            _pos++;
        }

        return value;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Reads the part of a \u escape after the 'u' (either XXXX or {X...}); -1 when invalid.</summary>
    private int ReadCodePointEscape(out int errPos, out string? errMessage)
    {
        errPos = _pos;
        errMessage = "Bad character escape sequence";
        if (CharAt(_pos) == '{')
        {
            _pos++;
            var codePos = _pos;
            var value = 0L;
            var count = 0;
            while (_pos < _length && HexValue(_src[_pos]) is var d && d >= 0)
            {
                value = Math.Min((value << 4) | (uint)d, 0x7FFFFFFFL);
                count++;
                _pos++;
            }

            if (count == 0 || CharAt(_pos) != '}')
            {
                errPos = codePos;
                return -1;
            }

            _pos++;
            if (value > 0x10FFFF)
            {
                errPos = codePos;
                errMessage = "Code point out of bounds";
                return -1;
            }

            return (int)value;
        }

        return ReadHex(4);
    }

    /// <summary>Reads a template chunk starting at <c>_pos</c> (just after '`' or '}').</summary>
    private void ReadTemplateChunk()
    {
        var chunkStart = _pos;
        var chunkStartLoc = new Position(_line, _pos - _lineStart);
        var sb = Buffer();
        var segStart = _pos;
        var invalidAt = -1;
        string? invalidMessage = null;
        var hasCr = false;
        bool tail;
        int chunkEnd;
        while (true)
        {
            if (_pos >= _length)
            {
                throw Error(chunkStart, "Unterminated template");
            }

            var ch = _src[_pos];
            if (ch == '`')
            {
                chunkEnd = _pos;
                tail = true;
                break;
            }

            if (ch == '$' && CharAt(_pos + 1) == '{')
            {
                chunkEnd = _pos;
                tail = false;
                break;
            }

            if (ch == '\\')
            {
                if (invalidAt >= 0)
                {
                    _pos += 2;
                    if (_pos - 1 < _length && IdentifierChars.IsLineTerminator(_src[_pos - 1]))
                    {
                        if (_src[_pos - 1] == '\r')
                        {
                            hasCr = true;
                            if (CharAt(_pos) == '\n')
                            {
                                _pos++;
                            }
                        }

                        NewLine(_pos);
                    }

                    continue;
                }

                sb.Append(_src, segStart, _pos - segStart);
                var escStart = _pos;
                if (!ReadEscape(sb, true, out var errPos, out var errMessage))
                {
                    invalidAt = errPos;
                    invalidMessage = errMessage;
                    if (_pos >= _length)
                    {
                        throw Error(chunkStart, "Unterminated template");
                    }
                }
                else if (_src[escStart + 1] == '\r')
                {
                    hasCr = true;
                }

                segStart = _pos;
                continue;
            }

            if (ch == '\r')
            {
                hasCr = true;
                sb.Append(_src, segStart, _pos - segStart);
                sb.Append('\n');
                _pos++;
                if (CharAt(_pos) == '\n')
                {
                    _pos++;
                }

                NewLine(_pos);
                segStart = _pos;
                continue;
            }

            if (ch is '\n' or '\u2028' or '\u2029')
            {
                _pos++;
                NewLine(_pos);
                continue;
            }

            _pos++;
        }

        sb.Append(_src, segStart, _pos - segStart);
        Current.ChunkStart = chunkStart;
        Current.ChunkEnd = chunkEnd;
        Current.ChunkStartLoc = chunkStartLoc;
        Current.ChunkEndLoc = new Position(_line, _pos - _lineStart);
        Current.TemplateTail = tail;
        Current.InvalidEscapeAt = invalidAt;
        Current.InvalidEscapeMessage = invalidMessage;
        Current.Value = invalidAt >= 0 ? null : sb.ToString();
        var raw = _src.Substring(chunkStart, chunkEnd - chunkStart);
        if (hasCr)
        {
            raw = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        Current.TemplateRaw = raw;
        _pos += tail ? 1 : 2;
        Current.Type = TokenType.Template;
    }

    /// <summary>The current token is '}' closing a template substitution: read the next chunk in its place.</summary>
    public void ReadTemplateContinuation()
    {
        _pos = Current.Start + 1;
        ReadTemplateChunk();
        Current.End = _pos;
        Current.EndLoc = new Position(_line, _pos - _lineStart);
    }

    /// <summary>The current token is '/' or '/=' where an expression may start: read a regular expression instead.</summary>
    public void RescanAsRegExp()
    {
        var start = Current.Start;
        _pos = start + 1;
        var inClass = false;
        var escaped = false;
        while (true)
        {
            if (_pos >= _length)
            {
                throw Error(start + 1, "Unterminated regular expression");
            }

            var ch = _src[_pos];
            if (IdentifierChars.IsLineTerminator(ch))
            {
                throw Error(start + 1, "Unterminated regular expression");
            }

            if (!escaped)
            {
                if (ch == '[')
                {
                    inClass = true;
                }
                else if (ch == ']' && inClass)
                {
                    inClass = false;
                }
                else if (ch == '/' && !inClass)
                {
                    break;
                }

                escaped = ch == '\\';
            }
            else
            {
                escaped = false;
            }

            _pos++;
        }

        var pattern = _src.Substring(start + 1, _pos - start - 1);
        _pos++;
        var flagsStart = _pos;
        string flags = string.Empty;
        var cp = CodePointAt(_pos);
        if (cp == '\\' || (cp >= 0 && IdentifierChars.IsIdentifierPart(cp)))
        {
            flags = ReadWordText(_pos, out var escapedFlags);
            if (escapedFlags)
            {
                throw Error(flagsStart, "Unexpected token");
            }
        }

        // Flags are checked here so a bad flag is reported the same way whether or not the pattern validator does.
        var seen = 0;
        foreach (var f in flags)
        {
            var bit = f switch { 'd' => 1, 'g' => 2, 'i' => 4, 'm' => 8, 's' => 16, 'u' => 32, 'y' => 64, 'v' => 128, _ => 0 };
            if (bit == 0 || (seen & bit) != 0)
            {
                throw Error(start + 1, "Invalid regular expression flag");
            }

            seen |= bit;
        }

        if ((seen & (32 | 128)) == (32 | 128))
        {
            throw Error(start + 1, "Invalid regular expression flag");
        }

        var error = RegExp.RegExpValidator.Validate(pattern, flags);
        if (error is not null)
        {
            throw Error(start + 1, error);
        }

        Current.Type = TokenType.RegExp;
        Current.Value = pattern;
        Current.RegexFlags = flags;
        Current.End = _pos;
        Current.EndLoc = new Position(_line, _pos - _lineStart);
    }
}
