using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Unicode;

namespace LavaMoat.Bundler.Syntax;

internal sealed partial class Tokenizer
{
    /// <summary>Skips white space and comments; returns true when a line terminator was crossed.</summary>
    private bool SkipSpace()
    {
        var newline = false;
        while (_pos < _length)
        {
            var ch = _src[_pos];
            switch (ch)
            {
                case ' ' or '\t' or '\v' or '\f':
                    _pos++;
                    continue;
                case '\n' or '\u2028' or '\u2029':
                    _pos++;
                    NewLine(_pos);
                    newline = true;
                    continue;
                case '\r':
                    _pos++;
                    if (CharAt(_pos) == '\n')
                    {
                        _pos++;
                    }

                    NewLine(_pos);
                    newline = true;
                    continue;
                case '/':
                    {
                        var next = CharAt(_pos + 1);
                        if (next == '/')
                        {
                            SkipLineComment(_pos, 2);
                            continue;
                        }

                        if (next == '*')
                        {
                            newline |= SkipBlockComment();
                            continue;
                        }

                        return newline;
                    }

                case '<':
                    if (!_module && CharAt(_pos + 1) == '!' && CharAt(_pos + 2) == '-' && CharAt(_pos + 3) == '-')
                    {
                        SkipLineComment(_pos, 4);
                        continue;
                    }

                    return newline;
                case '-':
                    if (!_module && CharAt(_pos + 1) == '-' && CharAt(_pos + 2) == '>' && (newline || LastTokEnd == 0))
                    {
                        SkipLineComment(_pos, 3);
                        continue;
                    }

                    return newline;
                default:
                    if (ch > 127 && IdentifierChars.IsWhiteSpace(ch))
                    {
                        _pos++;
                        continue;
                    }

                    return newline;
            }
        }

        return newline;
    }

    private void SkipLineComment(int start, int delimiterLength)
    {
        var startLoc = new Position(_line, start - _lineStart);
        _pos = start + delimiterLength;
        while (_pos < _length && !IdentifierChars.IsLineTerminator(_src[_pos]))
        {
            _pos++;
        }

        if (_comments is not null)
        {
            _comments.Add(new Comment(
                CommentKind.Line,
                _src.Substring(start + delimiterLength, _pos - start - delimiterLength),
                start,
                _pos,
                new SourceLocation(startLoc, new Position(_line, _pos - _lineStart))));
        }
    }

    private bool SkipBlockComment()
    {
        var start = _pos;
        var startLoc = new Position(_line, start - _lineStart);
        var end = _src.IndexOf("*/", start + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(start, "Unterminated comment");
        }

        var newline = false;
        for (var i = start + 2; i < end; i++)
        {
            var ch = _src[i];
            if (ch == '\n' || ch == '\u2028' || ch == '\u2029')
            {
                NewLine(i + 1);
                newline = true;
            }
            else if (ch == '\r')
            {
                if (i + 1 < end && _src[i + 1] == '\n')
                {
                    i++;
                }

                NewLine(i + 1);
                newline = true;
            }
        }

        _pos = end + 2;
        if (_comments is not null)
        {
            _comments.Add(new Comment(
                CommentKind.Block,
                _src.Substring(start + 2, end - start - 2),
                start,
                _pos,
                new SourceLocation(startLoc, new Position(_line, _pos - _lineStart))));
        }

        return newline;
    }

    /// <summary>Offset of the first character after white space and comments from <paramref name="pos"/> (no side effects).</summary>
    public int SkipTrivia(int pos, out bool newline)
    {
        newline = false;
        while (pos < _length)
        {
            var ch = _src[pos];
            if (ch is ' ' or '\t' or '\v' or '\f' || (ch > 127 && IdentifierChars.IsWhiteSpace(ch)))
            {
                pos++;
            }
            else if (IdentifierChars.IsLineTerminator(ch))
            {
                newline = true;
                pos++;
            }
            else if (ch == '/' && CharAt(pos + 1) == '/')
            {
                pos += 2;
                while (pos < _length && !IdentifierChars.IsLineTerminator(_src[pos]))
                {
                    pos++;
                }
            }
            else if (ch == '/' && CharAt(pos + 1) == '*')
            {
                var end = _src.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return _length;
                }

                if (_src.AsSpan(pos + 2, end - pos - 2).IndexOfAny('\n', '\r', '\u2028') >= 0 || _src.AsSpan(pos + 2, end - pos - 2).Contains('\u2029'))
                {
                    newline = true;
                }

                pos = end + 2;
            }
            else
            {
                break;
            }
        }

        return pos;
    }
}
