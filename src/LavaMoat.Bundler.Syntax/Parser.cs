using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

/// <summary>
/// ECMAScript parser (latest edition as acorn 8 accepts it, script goal with Annex B, or module goal) producing
/// an ESTree tree whose shape and positions match acorn's. Not thread-safe; one instance may parse many sources
/// one after another.
/// </summary>
public sealed partial class Parser
{
    /// <summary>
    /// How deeply statements, expressions and patterns may nest (counting each link of a left-associative operator,
    /// member or call chain, which nests the tree as deeply as parentheses do) before the parse fails with
    /// "Nesting is too deep". Real code reaches about 2,000 (long string concatenations and call chains in
    /// generated code). Recursive walkers at this depth need more than a default 1 MB thread stack (scope analysis
    /// gives up near 1,000 levels there), so whole-file work runs on <see cref="DeepStack"/> threads. Constructs
    /// whose parsing recursion is heavier than the tree they build (parentheses, nested functions) are stopped
    /// earlier by the execution-stack check when the thread's stack runs low.
    /// </summary>
    public const int MaxNestingDepth = 2500;

    private readonly ParserOptions _options;
    private Tokenizer _t = null!;
    private bool _inModule;
    private int _depth;
    private int _importExpressions;

    private int _potentialArrowAt = -1;
    private bool _potentialArrowInForAwait;
    private int _yieldPos;
    private int _awaitPos;
    private int _awaitIdentPos;

    public Parser(ParserOptions? options = null) => _options = options ?? new ParserOptions();

    public Program Parse(string source) => _options.SourceType == SourceType.Module ? ParseModule(source) : ParseScript(source);

    public Program ParseScript(string source) => ParseProgram(source, SourceType.Script);

    public Program ParseModule(string source) => ParseProgram(source, SourceType.Module);

    private bool Strict
    {
        get => _t.Strict;
        set => _t.Strict = value;
    }

    private Program ParseProgram(string source, SourceType sourceType)
    {
        ArgumentNullException.ThrowIfNull(source);
        _inModule = sourceType == SourceType.Module;
        var comments = _options.CollectComments ? new List<Comment>() : null;
        _t = new Tokenizer(source, _inModule, comments);
        _depth = 0;
        _importExpressions = 0;
        _potentialArrowAt = -1;
        _potentialArrowInForAwait = false;
        _yieldPos = _awaitPos = _awaitIdentPos = 0;
        ResetScopes();
        _labels.Clear();
        _privateNameStack.Clear();
        _exports = _inModule ? new HashSet<string>(StringComparer.Ordinal) : null;
        _undefinedExports = null;

        // Strictness is known before the first token so an octal escape ahead of 'use strict' is rejected (acorn's rule).
        Strict = _inModule || _options.Strict || StrictDirective(0);
        _t.SkipHashbang();
        EnterScope(ScopeFlags.Top);
        _t.Next();

        var body = new List<Statement>();
        ParseStatementList(body, TokenType.EOF, topLevel: true);
        if (_undefinedExports is { Count: > 0 })
        {
            var first = _undefinedExports.Values.MinBy(static id => id.Start)!;
            Raise(first.Start, $"Export '{first.Name}' is not defined");
        }

        var isStrict = Strict;
        var program = new Program(new NodeList<Statement>(body), sourceType, comments, isStrict)
        {
            ImportExpressionCount = _importExpressions,
            Names = _t.Names,
            Start = 0,
            End = _t.Current.End,
            Location = new SourceLocation(new Position(1, 0), _t.Current.EndLoc),
        };
        return program;
    }

    // ---- node positions ----

    private readonly record struct Marker(int Start, Position Loc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Marker Mark() => new(_t.Current.Start, _t.Current.StartLoc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Finish<T>(T node, Marker m)
        where T : Node
    {
        node.Start = m.Start;
        node.End = _t.LastTokEnd;
        node.Location = new SourceLocation(m.Loc, _t.LastTokEndLoc);
        return node;
    }

    private static T SameRange<T>(T node, Node from)
        where T : Node
    {
        node.Start = from.Start;
        node.End = from.End;
        node.Location = from.Location;
        return node;
    }

    private static T Range<T>(T node, int start, Position startLoc, int end, Position endLoc)
        where T : Node
    {
        node.Start = start;
        node.End = end;
        node.Location = new SourceLocation(startLoc, endLoc);
        return node;
    }

    // ---- errors ----

    [DoesNotReturn]
    private void Raise(int pos, string message) => throw _t.Error(pos, message);

    [DoesNotReturn]
    private void Unexpected(int pos = -1) => throw _t.Error(pos < 0 ? _t.Current.Start : pos, "Unexpected token");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterNesting()
    {
        if (++_depth > MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Raise(_t.Current.Start, "Nesting is too deep");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LeaveNesting() => _depth--;

    // ---- token helpers ----

    private TokenType Type
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _t.Current.Type;
    }

    /// <summary>Consumes the current token; an escaped reserved word may not be consumed as a keyword.</summary>
    private void Next()
    {
        if (_t.Current.ContainsEscape && _t.Current.Type.IsKeyword())
        {
            Raise(_t.Current.Start, "Escape sequence in keyword " + _t.Current.Type.Text());
        }

        _t.Next();
    }

    private bool Eat(TokenType type)
    {
        if (Type == type)
        {
            Next();
            return true;
        }

        return false;
    }

    private void Expect(TokenType type)
    {
        if (!Eat(type))
        {
            Unexpected();
        }
    }

    private bool IsContextual(string name) =>
        Type == TokenType.Name && !_t.Current.ContainsEscape && string.Equals((string?)_t.Current.Value, name, StringComparison.Ordinal);

    private bool EatContextual(string name)
    {
        if (!IsContextual(name))
        {
            return false;
        }

        Next();
        return true;
    }

    private void ExpectContextual(string name)
    {
        if (!EatContextual(name))
        {
            Unexpected();
        }
    }

    private bool CanInsertSemicolon() => Type == TokenType.EOF || Type == TokenType.BraceR || _t.Current.NewlineBefore;

    private void Semicolon()
    {
        if (!Eat(TokenType.Semicolon) && !CanInsertSemicolon())
        {
            Unexpected();
        }
    }

    private bool AfterTrailingComma(TokenType close)
    {
        if (Type == close)
        {
            Next();
            return true;
        }

        return false;
    }

    // ---- raw lookahead (no tokens consumed) ----

    private int PeekCharAfterCurrent(out int at, out bool newline)
    {
        at = _t.SkipTrivia(_t.Pos, out newline);
        return at < _t.Source.Length ? _t.Source[at] : -1;
    }

    /// <summary>Scans an identifier-like word at <paramref name="pos"/> (no escapes); returns its end.</summary>
    private int WordEnd(int pos)
    {
        var src = _t.Source;
        while (pos < src.Length)
        {
            var cp = _t.CodePointAt(pos);
            if (!Unicode.IdentifierChars.IsIdentifierPart(cp))
            {
                break;
            }

            pos += cp > 0xFFFF ? 2 : 1;
        }

        return pos;
    }

    /// <summary>
    /// Pre-scans the directive prologue starting at <paramref name="start"/> for 'use strict', so the body's tokens
    /// are read in the right mode.
    /// </summary>
    private bool StrictDirective(int start)
    {
        var src = _t.Source;
        while (true)
        {
            start = _t.SkipTrivia(start, out _);
            if (start >= src.Length || (src[start] != '\'' && src[start] != '"'))
            {
                return false;
            }

            var quote = src[start];
            var i = start + 1;
            while (i < src.Length && src[i] != quote)
            {
                if (src[i] == '\\')
                {
                    i++;
                }

                i++;
            }

            if (i >= src.Length)
            {
                return false;
            }

            var content = src.AsSpan(start + 1, i - start - 1);
            var end = i + 1;
            if (content.SequenceEqual("use strict"))
            {
                var after = _t.SkipTrivia(end, out var newline);
                var next = after < src.Length ? src[after] : '\0';
                return next == ';' || next == '}' ||
                    (newline && !("(`.[+-/*%<>=,?^&".Contains(next, StringComparison.Ordinal) || (next == '!' && after + 1 < src.Length && src[after + 1] == '=')) && after < src.Length) ||
                    (newline && after >= src.Length);
            }

            start = _t.SkipTrivia(end, out _);
            if (start < src.Length && src[start] == ';')
            {
                start++;
            }
        }
    }
}
