using System.Runtime.CompilerServices;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Unicode;

namespace LavaMoat.Bundler.Syntax;

/// <summary>
/// Turns source text into tokens on demand, one at a time. The parser decides whether a '/' starts a regular
/// expression (<see cref="RescanAsRegExp"/>) and when a '}' resumes a template (<see cref="ReadTemplateContinuation"/>),
/// so no token-context stack is needed.
/// </summary>
internal sealed partial class Tokenizer
{
    private readonly string _src;
    private readonly int _length;
    private readonly bool _module;
    private readonly List<Comment>? _comments;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Token Current;
    public int LastTokStart;
    public int LastTokEnd;
    public Position LastTokStartLoc;
    public Position LastTokEndLoc;

    /// <summary>Every identifier-like word read so far (names, contextual keywords, property and private names),
    /// after escapes are decoded; each string is the one shared by all of its tokens.</summary>
    public IReadOnlyCollection<string> Names => _names.Keys;

    public Tokenizer(string source, bool module, List<Comment>? comments)
    {
        _src = source;
        _length = source.Length;
        _module = module;
        _comments = comments;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        Current.StartLoc = new Position(1, 0);
        Current.EndLoc = new Position(1, 0);
    }

    public string Source => _src;

    /// <summary>Strict code rejects legacy octal literals and escapes while they are scanned.</summary>
    public bool Strict { get; set; }

    public int Pos => _pos;

    public Position CurrentPosition => new(_line, _pos - _lineStart);

    public void SkipHashbang()
    {
        if (_length >= 2 && _src[0] == '#' && _src[1] == '!')
        {
            SkipLineComment(0, 2);
        }
    }

    /// <summary>Advances to the next token.</summary>
    public void Next()
    {
        LastTokStart = Current.Start;
        LastTokEnd = Current.End;
        LastTokStartLoc = Current.StartLoc;
        LastTokEndLoc = Current.EndLoc;
        var newline = SkipSpace();
        Current.Type = TokenType.EOF;
        Current.Value = null;
        Current.ContainsEscape = false;
        Current.NewlineBefore = newline;
        Current.Start = _pos;
        Current.StartLoc = new Position(_line, _pos - _lineStart);
        if (_pos < _length)
        {
            ReadToken(_src[_pos]);
        }

        Current.End = _pos;
        Current.EndLoc = new Position(_line, _pos - _lineStart);
    }

    public SyntaxErrorException Error(int pos, string message)
    {
        var loc = PositionAt(_src, pos);
        return new SyntaxErrorException(message, pos, loc.Line, loc.Column);
    }

    public static Position PositionAt(string src, int pos)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(pos, src.Length);
        for (var i = 0; i < end; i++)
        {
            var ch = src[i];
            if (ch == '\n' || ch == '\u2028' || ch == '\u2029')
            {
                line++;
                lineStart = i + 1;
            }
            else if (ch == '\r')
            {
                if (i + 1 < end && src[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                lineStart = i + 1;
            }
        }

        return new Position(line, pos - lineStart);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CharAt(int index) => (uint)index < (uint)_length ? _src[index] : -1;

    /// <summary>The code point at <paramref name="index"/>, combining a surrogate pair; -1 past the end.</summary>
    public int CodePointAt(int index)
    {
        if ((uint)index >= (uint)_length)
        {
            return -1;
        }

        var ch = _src[index];
        if (char.IsHighSurrogate(ch) && index + 1 < _length && char.IsLowSurrogate(_src[index + 1]))
        {
            return char.ConvertToUtf32(ch, _src[index + 1]);
        }

        return ch;
    }

    private void NewLine(int nextLineStart)
    {
        _line++;
        _lineStart = nextLineStart;
    }

    private void ReadToken(char ch)
    {
        if (ch < 128 ? IdentifierChars.IsIdentifierStart(ch) || ch == '\\' : IsNonAsciiWordStart())
        {
            ReadWord();
            return;
        }

        switch (ch)
        {
            case '0' or '1' or '2' or '3' or '4' or '5' or '6' or '7' or '8' or '9':
                ReadNumber(false);
                return;
            case '"' or '\'':
                ReadString(ch);
                return;
            case '`':
                _pos++;
                ReadTemplateChunk();
                return;
            case '.':
                if ((uint)(CharAt(_pos + 1) - '0') <= 9)
                {
                    ReadNumber(true);
                    return;
                }

                if (CharAt(_pos + 1) == '.' && CharAt(_pos + 2) == '.')
                {
                    Punct(TokenType.Ellipsis, 3);
                    return;
                }

                Punct(TokenType.Dot, 1);
                return;
            case '(':
                Punct(TokenType.ParenL, 1);
                return;
            case ')':
                Punct(TokenType.ParenR, 1);
                return;
            case ';':
                Punct(TokenType.Semicolon, 1);
                return;
            case ',':
                Punct(TokenType.Comma, 1);
                return;
            case '[':
                Punct(TokenType.BracketL, 1);
                return;
            case ']':
                Punct(TokenType.BracketR, 1);
                return;
            case '{':
                Punct(TokenType.BraceL, 1);
                return;
            case '}':
                Punct(TokenType.BraceR, 1);
                return;
            case ':':
                Punct(TokenType.Colon, 1);
                return;
            case '~':
                Punct(TokenType.Tilde, 1);
                return;
            case '?':
                {
                    var next = CharAt(_pos + 1);
                    if (next == '.' && (uint)(CharAt(_pos + 2) - '0') > 9)
                    {
                        Punct(TokenType.QuestionDot, 2);
                    }
                    else if (next == '?')
                    {
                        if (CharAt(_pos + 2) == '=')
                        {
                            Punct(TokenType.QuestionQuestionEq, 3);
                        }
                        else
                        {
                            Punct(TokenType.QuestionQuestion, 2);
                        }
                    }
                    else
                    {
                        Punct(TokenType.Question, 1);
                    }

                    return;
                }

            case '/':
                Punct(CharAt(_pos + 1) == '=' ? TokenType.SlashEq : TokenType.Slash, CharAt(_pos + 1) == '=' ? 2 : 1);
                return;
            case '%':
                Punct(CharAt(_pos + 1) == '=' ? TokenType.PercentEq : TokenType.Percent, CharAt(_pos + 1) == '=' ? 2 : 1);
                return;
            case '^':
                Punct(CharAt(_pos + 1) == '=' ? TokenType.CaretEq : TokenType.Caret, CharAt(_pos + 1) == '=' ? 2 : 1);
                return;
            case '*':
                if (CharAt(_pos + 1) == '*')
                {
                    Punct(CharAt(_pos + 2) == '=' ? TokenType.StarStarEq : TokenType.StarStar, CharAt(_pos + 2) == '=' ? 3 : 2);
                }
                else
                {
                    Punct(CharAt(_pos + 1) == '=' ? TokenType.StarEq : TokenType.Star, CharAt(_pos + 1) == '=' ? 2 : 1);
                }

                return;
            case '|':
            case '&':
                {
                    var isPipe = ch == '|';
                    var next = CharAt(_pos + 1);
                    if (next == ch)
                    {
                        if (CharAt(_pos + 2) == '=')
                        {
                            Punct(isPipe ? TokenType.PipePipeEq : TokenType.AmpAmpEq, 3);
                        }
                        else
                        {
                            Punct(isPipe ? TokenType.PipePipe : TokenType.AmpAmp, 2);
                        }
                    }
                    else if (next == '=')
                    {
                        Punct(isPipe ? TokenType.PipeEq : TokenType.AmpEq, 2);
                    }
                    else
                    {
                        Punct(isPipe ? TokenType.Pipe : TokenType.Amp, 1);
                    }

                    return;
                }

            case '+':
            case '-':
                {
                    var isPlus = ch == '+';
                    var next = CharAt(_pos + 1);
                    if (next == ch)
                    {
                        Punct(isPlus ? TokenType.PlusPlus : TokenType.MinusMinus, 2);
                    }
                    else if (next == '=')
                    {
                        Punct(isPlus ? TokenType.PlusEq : TokenType.MinusEq, 2);
                    }
                    else
                    {
                        Punct(isPlus ? TokenType.Plus : TokenType.Minus, 1);
                    }

                    return;
                }

            case '<':
                if (CharAt(_pos + 1) == '<')
                {
                    Punct(CharAt(_pos + 2) == '=' ? TokenType.ShlEq : TokenType.Shl, CharAt(_pos + 2) == '=' ? 3 : 2);
                }
                else
                {
                    Punct(CharAt(_pos + 1) == '=' ? TokenType.LtEq : TokenType.Lt, CharAt(_pos + 1) == '=' ? 2 : 1);
                }

                return;
            case '>':
                if (CharAt(_pos + 1) == '>')
                {
                    if (CharAt(_pos + 2) == '>')
                    {
                        Punct(CharAt(_pos + 3) == '=' ? TokenType.UShrEq : TokenType.UShr, CharAt(_pos + 3) == '=' ? 4 : 3);
                    }
                    else
                    {
                        Punct(CharAt(_pos + 2) == '=' ? TokenType.ShrEq : TokenType.Shr, CharAt(_pos + 2) == '=' ? 3 : 2);
                    }
                }
                else
                {
                    Punct(CharAt(_pos + 1) == '=' ? TokenType.GtEq : TokenType.Gt, CharAt(_pos + 1) == '=' ? 2 : 1);
                }

                return;
            case '=':
                if (CharAt(_pos + 1) == '>')
                {
                    Punct(TokenType.Arrow, 2);
                }
                else if (CharAt(_pos + 1) == '=')
                {
                    Punct(CharAt(_pos + 2) == '=' ? TokenType.EqEqEq : TokenType.EqEq, CharAt(_pos + 2) == '=' ? 3 : 2);
                }
                else
                {
                    Punct(TokenType.Eq, 1);
                }

                return;
            case '!':
                if (CharAt(_pos + 1) == '=')
                {
                    Punct(CharAt(_pos + 2) == '=' ? TokenType.NotEqEq : TokenType.NotEq, CharAt(_pos + 2) == '=' ? 3 : 2);
                }
                else
                {
                    Punct(TokenType.Bang, 1);
                }

                return;
            case '#':
                ReadPrivateName();
                return;
        }

        throw Error(_pos, $"Unexpected character '{char.ConvertFromUtf32(CodePointOrUnit(_pos))}'");
    }

    private int CodePointOrUnit(int index)
    {
        var cp = CodePointAt(index);
        return cp is >= 0xD800 and <= 0xDFFF ? 0xFFFD : cp;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Punct(TokenType type, int length)
    {
        Current.Type = type;
        _pos += length;
    }
}
