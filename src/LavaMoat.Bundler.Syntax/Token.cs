using System.Collections.Frozen;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

internal static class TokenTypes
{
    public const TokenType FirstAssign = TokenType.Eq;
    public const TokenType LastAssign = TokenType.QuestionQuestionEq;
    public const TokenType FirstKeyword = TokenType.Break;
    public const TokenType LastKeyword = TokenType.Delete;

    public static bool IsAssign(this TokenType type) => type is >= FirstAssign and <= LastAssign;

    public static bool IsKeyword(this TokenType type) => type is >= FirstKeyword and <= LastKeyword;

    private static readonly FrozenDictionary<string, TokenType> Keywords = new Dictionary<string, TokenType>(StringComparer.Ordinal)
    {
        ["break"] = TokenType.Break,
        ["case"] = TokenType.Case,
        ["catch"] = TokenType.Catch,
        ["continue"] = TokenType.Continue,
        ["debugger"] = TokenType.Debugger,
        ["default"] = TokenType.Default,
        ["do"] = TokenType.Do,
        ["else"] = TokenType.Else,
        ["finally"] = TokenType.Finally,
        ["for"] = TokenType.For,
        ["function"] = TokenType.Function,
        ["if"] = TokenType.If,
        ["return"] = TokenType.Return,
        ["switch"] = TokenType.Switch,
        ["throw"] = TokenType.Throw,
        ["try"] = TokenType.Try,
        ["var"] = TokenType.Var,
        ["const"] = TokenType.Const,
        ["while"] = TokenType.While,
        ["with"] = TokenType.With,
        ["new"] = TokenType.New,
        ["this"] = TokenType.This,
        ["super"] = TokenType.Super,
        ["class"] = TokenType.Class,
        ["extends"] = TokenType.Extends,
        ["export"] = TokenType.Export,
        ["import"] = TokenType.Import,
        ["null"] = TokenType.Null,
        ["true"] = TokenType.True,
        ["false"] = TokenType.False,
        ["in"] = TokenType.In,
        ["instanceof"] = TokenType.InstanceOf,
        ["typeof"] = TokenType.TypeOf,
        ["void"] = TokenType.Void,
        ["delete"] = TokenType.Delete,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, TokenType>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup =
        Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static TokenType KeywordOrName(ReadOnlySpan<char> word)
    {
        if (word.Length is < 2 or > 10 || word[0] is < 'b' or > 'y')
        {
            return TokenType.Name;
        }

        return KeywordLookup.TryGetValue(word, out var type) ? type : TokenType.Name;
    }

    public static bool IsKeywordText(string word) => Keywords.ContainsKey(word);

    /// <summary>Text for error messages and for keywords used as property names.</summary>
    public static string Text(this TokenType type) => type switch
    {
        TokenType.EOF => "eof",
        TokenType.Name => "name",
        TokenType.PrivateName => "privateId",
        TokenType.Number => "num",
        TokenType.BigInt => "num",
        TokenType.String => "string",
        TokenType.Template => "template",
        TokenType.RegExp => "regexp",
        TokenType.BracketL => "[",
        TokenType.BracketR => "]",
        TokenType.BraceL => "{",
        TokenType.BraceR => "}",
        TokenType.ParenL => "(",
        TokenType.ParenR => ")",
        TokenType.Comma => ",",
        TokenType.Semicolon => ";",
        TokenType.Colon => ":",
        TokenType.Dot => ".",
        TokenType.Question => "?",
        TokenType.QuestionDot => "?.",
        TokenType.Arrow => "=>",
        TokenType.Ellipsis => "...",
        TokenType.Bang => "!",
        TokenType.Tilde => "~",
        TokenType.PlusPlus => "++",
        TokenType.MinusMinus => "--",
        TokenType.PipePipe => "||",
        TokenType.AmpAmp => "&&",
        TokenType.QuestionQuestion => "??",
        TokenType.Pipe => "|",
        TokenType.Caret => "^",
        TokenType.Amp => "&",
        TokenType.EqEq => "==",
        TokenType.NotEq => "!=",
        TokenType.EqEqEq => "===",
        TokenType.NotEqEq => "!==",
        TokenType.Lt => "<",
        TokenType.Gt => ">",
        TokenType.LtEq => "<=",
        TokenType.GtEq => ">=",
        TokenType.Shl => "<<",
        TokenType.Shr => ">>",
        TokenType.UShr => ">>>",
        TokenType.Plus => "+",
        TokenType.Minus => "-",
        TokenType.Star => "*",
        TokenType.Slash => "/",
        TokenType.Percent => "%",
        TokenType.StarStar => "**",
        TokenType.Eq => "=",
        TokenType.PlusEq => "+=",
        TokenType.MinusEq => "-=",
        TokenType.StarEq => "*=",
        TokenType.SlashEq => "/=",
        TokenType.PercentEq => "%=",
        TokenType.StarStarEq => "**=",
        TokenType.ShlEq => "<<=",
        TokenType.ShrEq => ">>=",
        TokenType.UShrEq => ">>>=",
        TokenType.PipeEq => "|=",
        TokenType.CaretEq => "^=",
        TokenType.AmpEq => "&=",
        TokenType.PipePipeEq => "||=",
        TokenType.AmpAmpEq => "&&=",
        TokenType.QuestionQuestionEq => "??=",
        TokenType.Break => "break",
        TokenType.Case => "case",
        TokenType.Catch => "catch",
        TokenType.Continue => "continue",
        TokenType.Debugger => "debugger",
        TokenType.Default => "default",
        TokenType.Do => "do",
        TokenType.Else => "else",
        TokenType.Finally => "finally",
        TokenType.For => "for",
        TokenType.Function => "function",
        TokenType.If => "if",
        TokenType.Return => "return",
        TokenType.Switch => "switch",
        TokenType.Throw => "throw",
        TokenType.Try => "try",
        TokenType.Var => "var",
        TokenType.Const => "const",
        TokenType.While => "while",
        TokenType.With => "with",
        TokenType.New => "new",
        TokenType.This => "this",
        TokenType.Super => "super",
        TokenType.Class => "class",
        TokenType.Extends => "extends",
        TokenType.Export => "export",
        TokenType.Import => "import",
        TokenType.Null => "null",
        TokenType.True => "true",
        TokenType.False => "false",
        TokenType.In => "in",
        TokenType.InstanceOf => "instanceof",
        TokenType.TypeOf => "typeof",
        TokenType.Void => "void",
        TokenType.Delete => "delete",
        _ => type.ToString(),
    };

    public static AssignmentOperator ToAssignmentOperator(this TokenType type) => type switch
    {
        TokenType.Eq => AssignmentOperator.Assign,
        TokenType.PlusEq => AssignmentOperator.PlusAssign,
        TokenType.MinusEq => AssignmentOperator.MinusAssign,
        TokenType.StarEq => AssignmentOperator.TimesAssign,
        TokenType.SlashEq => AssignmentOperator.DivideAssign,
        TokenType.PercentEq => AssignmentOperator.ModuloAssign,
        TokenType.StarStarEq => AssignmentOperator.ExponentiationAssign,
        TokenType.ShlEq => AssignmentOperator.LeftShiftAssign,
        TokenType.ShrEq => AssignmentOperator.RightShiftAssign,
        TokenType.UShrEq => AssignmentOperator.UnsignedRightShiftAssign,
        TokenType.PipeEq => AssignmentOperator.BitwiseOrAssign,
        TokenType.CaretEq => AssignmentOperator.BitwiseXorAssign,
        TokenType.AmpEq => AssignmentOperator.BitwiseAndAssign,
        TokenType.PipePipeEq => AssignmentOperator.OrAssign,
        TokenType.AmpAmpEq => AssignmentOperator.AndAssign,
        _ => AssignmentOperator.NullishAssign,
    };
}

/// <summary>A snapshot of the tokenizer's current token; copied by value for one-token lookahead.</summary>
internal struct Token
{
    public TokenType Type;
    public int Start;
    public int End;
    public Position StartLoc;
    public Position EndLoc;

    /// <summary>Identifier name, string value, cooked template text, regex pattern; a number or BigInteger.</summary>
    public object? Value;

    /// <summary>An identifier or keyword spelled with a \u escape.</summary>
    public bool ContainsEscape;

    /// <summary>A line terminator lies between the previous token and this one.</summary>
    public bool NewlineBefore;


    // Template chunks: content range (without delimiters), raw text, tail flag, first invalid escape.
    public int ChunkStart;
    public int ChunkEnd;
    public Position ChunkStartLoc;
    public Position ChunkEndLoc;
    public string? TemplateRaw;
    public bool TemplateTail;
    public int InvalidEscapeAt;
    public string? InvalidEscapeMessage;

    // RegExp: flags (pattern is Value).
    public string? RegexFlags;
}
