using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    /// <summary>Where a statement sits when it is the sole body of another statement (acorn's "context").</summary>
    private enum StatementContext
    {
        None,
        If,
        Label,

        /// <summary>Loop/with bodies and labels nested under them or under an if.</summary>
        Other,
    }

    /// <summary>Parses statements until <paramref name="end"/>, marking a leading directive prologue when asked.</summary>
    private void ParseStatementList(List<Statement> body, TokenType end, bool topLevel = false, bool directives = true)
    {
        var prologue = directives;
        while (Type != end)
        {
            if (Type == TokenType.EOF)
            {
                Unexpected();
            }

            var stmt = ParseStatement(StatementContext.None, topLevel);
            if (prologue)
            {
                if (stmt is ExpressionStatement { Expression: Literal { Kind: LiteralKind.String } literal } && _t.Source[stmt.Start] is '"' or '\'')
                {
                    stmt = SameRange(new ExpressionStatement(literal, literal.Raw[1..^1]), stmt);
                }
                else
                {
                    prologue = false;
                }
            }

            body.Add(stmt);
        }
    }

    private bool IsLet(bool inSingleStatementContext = false)
    {
        if (!IsContextual("let"))
        {
            return false;
        }

        var next = PeekCharAfterCurrent(out var at, out _);
        if (next is '[' or '\\')
        {
            return true;
        }

        if (inSingleStatementContext)
        {
            return false;
        }

        if (next == '{')
        {
            return true;
        }

        var cp = _t.CodePointAt(at);
        if (cp >= 0 && Unicode.IdentifierChars.IsIdentifierStart(cp))
        {
            var end = WordEnd(at);
            if (end < _t.Source.Length && _t.Source[end] == '\\')
            {
                return true;
            }

            var word = _t.Source.AsSpan(at, end - at);
            if (!word.SequenceEqual("in") && !word.SequenceEqual("instanceof"))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsAsyncFunction()
    {
        if (!IsContextual("async"))
        {
            return false;
        }

        PeekCharAfterCurrent(out var at, out var newline);
        var src = _t.Source;
        if (newline || at + 8 > src.Length || !src.AsSpan(at, 8).SequenceEqual("function"))
        {
            return false;
        }

        if (at + 8 == src.Length)
        {
            return true;
        }

        var after = _t.CodePointAt(at + 8);
        return !(Unicode.IdentifierChars.IsIdentifierPart(after) || after == '\\');
    }

    private bool IsUsingKeyword(bool isAwaitUsing, bool isFor)
    {
        if (!IsContextual(isAwaitUsing ? "await" : "using"))
        {
            return false;
        }

        var src = _t.Source;
        var next = _t.SkipTrivia(_t.Pos, out var newline);
        if (newline)
        {
            return false;
        }

        if (isAwaitUsing)
        {
            var usingEnd = next + 5;
            if (usingEnd > src.Length || !src.AsSpan(next, 5).SequenceEqual("using") || usingEnd == src.Length)
            {
                return false;
            }

            var afterUsing = _t.CodePointAt(usingEnd);
            if (Unicode.IdentifierChars.IsIdentifierPart(afterUsing) || afterUsing == '\\')
            {
                return false;
            }

            next = _t.SkipTrivia(usingEnd, out newline);
            if (newline)
            {
                return false;
            }
        }

        var ch = _t.CodePointAt(next);
        if (ch < 0 || (!Unicode.IdentifierChars.IsIdentifierStart(ch) && ch != '\\'))
        {
            return false;
        }

        var idStart = next;
        var end = WordEnd(next);
        if (end < src.Length && src[end] == '\\')
        {
            return true;
        }

        var id = src.AsSpan(idStart, end - idStart);
        if (id.SequenceEqual("in") || id.SequenceEqual("instanceof"))
        {
            return false;
        }

        if (isFor && !isAwaitUsing && id.SequenceEqual("of"))
        {
            var afterOf = _t.SkipTrivia(end, out _);
            if (afterOf >= src.Length || src[afterOf] != '=' || (afterOf + 1 < src.Length && src[afterOf + 1] is '=' or '>'))
            {
                return false;
            }
        }

        return true;
    }

    private Statement ParseStatement(StatementContext context, bool topLevel = false)
    {
        EnterNesting();
        var stmt = ParseStatementInner(context, topLevel);
        LeaveNesting();
        return stmt;
    }

    private Statement ParseStatementInner(StatementContext context, bool topLevel)
    {
        var m = Mark();
        var startType = Type;
        VariableDeclarationKind? letKind = null;
        if (IsLet(context != StatementContext.None))
        {
            startType = TokenType.Var;
            letKind = VariableDeclarationKind.Let;
        }

        switch (startType)
        {
            case TokenType.Break:
            case TokenType.Continue:
                return ParseBreakContinue(m, startType == TokenType.Break);
            case TokenType.Debugger:
                Next();
                Semicolon();
                return Finish(new DebuggerStatement(), m);
            case TokenType.Do:
                return ParseDoStatement(m);
            case TokenType.For:
                return ParseForStatement(m);
            case TokenType.Function:
                if (context != StatementContext.None && (Strict || (context != StatementContext.If && context != StatementContext.Label)))
                {
                    Unexpected();
                }

                Next();
                return ParseFunction(m, FunctionStatementFlags.Statement | (context == StatementContext.None ? 0 : FunctionStatementFlags.Hanging), false);
            case TokenType.Class:
                if (context != StatementContext.None)
                {
                    Unexpected();
                }

                return (Statement)ParseClass(m, ClassContext.Statement);
            case TokenType.If:
                return ParseIfStatement(m);
            case TokenType.Return:
                return ParseReturnStatement(m);
            case TokenType.Switch:
                return ParseSwitchStatement(m);
            case TokenType.Throw:
                return ParseThrowStatement(m);
            case TokenType.Try:
                return ParseTryStatement(m);
            case TokenType.Const:
            case TokenType.Var:
                {
                    var kind = letKind ?? (Type == TokenType.Const ? VariableDeclarationKind.Const : VariableDeclarationKind.Var);
                    if (context != StatementContext.None && kind != VariableDeclarationKind.Var)
                    {
                        Unexpected();
                    }

                    return ParseVarStatement(m, kind);
                }

            case TokenType.While:
                return ParseWhileStatement(m);
            case TokenType.With:
                return ParseWithStatement(m);
            case TokenType.BraceL:
                return ParseBlock();
            case TokenType.Semicolon:
                Next();
                return Finish(new EmptyStatement(), m);
            case TokenType.Export:
            case TokenType.Import:
                {
                    if (startType == TokenType.Import)
                    {
                        var next = PeekCharAfterCurrent(out _, out _);
                        if (next is '(' or '.')
                        {
                            break;
                        }
                    }

                    if (!topLevel)
                    {
                        Raise(_t.Current.Start, "'import' and 'export' may only appear at the top level");
                    }

                    if (!_inModule)
                    {
                        Raise(_t.Current.Start, "'import' and 'export' may appear only with 'sourceType: module'");
                    }

                    return startType == TokenType.Import ? ParseImport(m) : ParseExport(m);
                }
        }

        if (IsAsyncFunction())
        {
            if (context != StatementContext.None)
            {
                Unexpected();
            }

            Next();
            Next();
            return ParseFunction(m, FunctionStatementFlags.Statement, true);
        }

        var usingKind = IsUsingKeyword(true, false) ? VariableDeclarationKind.AwaitUsing
            : IsUsingKeyword(false, false) ? VariableDeclarationKind.Using : (VariableDeclarationKind?)null;
        if (usingKind is { } uk)
        {
            if (!AllowUsing)
            {
                Raise(_t.Current.Start, "Using declaration cannot appear in the top level when source type is `script` or in the bare case statement");
            }

            if (context != StatementContext.None)
            {
                Raise(_t.Current.Start, "Using declaration is not allowed in single-statement positions");
            }

            if (uk == VariableDeclarationKind.AwaitUsing)
            {
                if (!CanAwait)
                {
                    Raise(_t.Current.Start, "Await using cannot appear outside of async function");
                }

                Next();
            }

            Next();
            var decl = ParseVar(uk, false, false);
            Semicolon();
            return Finish(new VariableDeclaration(decl, uk), m);
        }

        var maybeName = Type == TokenType.Name ? (string?)_t.Current.Value : null;
        var expr = ParseExpression();
        if (startType == TokenType.Name && expr is Identifier && Eat(TokenType.Colon))
        {
            return ParseLabeledStatement(m, maybeName!, (Identifier)expr, context);
        }

        Semicolon();
        return Finish(new ExpressionStatement(expr, null), m);
    }

    private Statement ParseBreakContinue(Marker m, bool isBreak)
    {
        Next();
        Identifier? label = null;
        if (!Eat(TokenType.Semicolon) && !CanInsertSemicolon())
        {
            if (Type != TokenType.Name)
            {
                Unexpected();
            }

            label = ParseIdent(false);
            Semicolon();
        }

        var i = 0;
        for (; i < _labels.Count; i++)
        {
            var lab = _labels[i];
            if (label is null || lab.Name == label.Name)
            {
                if (lab.Kind != LabelKind.None && (isBreak || lab.Kind == LabelKind.Loop))
                {
                    break;
                }

                if (label is not null && isBreak)
                {
                    break;
                }
            }
        }

        if (i == _labels.Count)
        {
            Raise(m.Start, "Unsyntactic " + (isBreak ? "break" : "continue"));
        }

        return isBreak ? Finish(new BreakStatement(label), m) : Finish(new ContinueStatement(label), m);
    }

    private static readonly Label LoopLabel = new() { Kind = LabelKind.Loop };

    private DoWhileStatement ParseDoStatement(Marker m)
    {
        Next();
        _labels.Add(LoopLabel);
        var body = ParseStatement(StatementContext.Other);
        _labels.RemoveAt(_labels.Count - 1);
        Expect(TokenType.While);
        var test = ParseParenExpression();
        Eat(TokenType.Semicolon);
        return Finish(new DoWhileStatement(body, test), m);
    }

    private Statement ParseForStatement(Marker m)
    {
        Next();
        var awaitAt = -1;
        if (CanAwait && EatContextual("await"))
        {
            awaitAt = _t.LastTokStart;
        }

        _labels.Add(LoopLabel);
        EnterScope(ScopeFlags.None);
        Expect(TokenType.ParenL);
        if (Type == TokenType.Semicolon)
        {
            if (awaitAt > -1)
            {
                Unexpected(awaitAt);
            }

            return ParseFor(m, null);
        }

        var isLet = IsLet();
        if (Type is TokenType.Var or TokenType.Const || isLet)
        {
            var initStart = Mark();
            var kind = isLet ? VariableDeclarationKind.Let : Type == TokenType.Const ? VariableDeclarationKind.Const : VariableDeclarationKind.Var;
            Next();
            var decls = ParseVar(kind, true, false);
            var init = Finish(new VariableDeclaration(decls, kind), initStart);
            return ParseForAfterInit(m, init, awaitAt);
        }

        var startsWithLet = IsContextual("let");
        var usingKind = IsUsingKeyword(false, true) ? VariableDeclarationKind.Using
            : IsUsingKeyword(true, true) ? VariableDeclarationKind.AwaitUsing : (VariableDeclarationKind?)null;
        if (usingKind is { } uk)
        {
            var initStart = Mark();
            Next();
            if (uk == VariableDeclarationKind.AwaitUsing)
            {
                if (!CanAwait)
                {
                    Raise(_t.Current.Start, "Await using cannot appear outside of async function");
                }

                Next();
            }

            var decls = ParseVar(uk, true, false);
            var init = Finish(new VariableDeclaration(decls, uk), initStart);
            return ParseForAfterInit(m, init, awaitAt);
        }

        var containsEsc = _t.Current.ContainsEscape;
        var errors = new DestructuringErrors();
        var initPos = _t.Current.Start;
        Expression initExpr = awaitAt > -1 ? ParseExprSubscripts(errors, true) : ParseExpression(true, errors);
        var isForOf = false;
        if (Type == TokenType.In || (isForOf = IsContextual("of")))
        {
            var isAwait = false;
            if (awaitAt > -1)
            {
                if (Type == TokenType.In)
                {
                    Unexpected(awaitAt);
                }

                isAwait = true;
            }
            else if (isForOf && initExpr.Start == initPos && !containsEsc && initExpr is Identifier { Name: "async" })
            {
                Unexpected();
            }

            if (startsWithLet && isForOf)
            {
                Raise(initExpr.Start, "The left-hand side of a for-of loop may not start with 'let'.");
            }

            var target = ToAssignable(initExpr, false, errors);
            CheckLValPattern(target);
            return ParseForIn(m, target, isAwait);
        }

        CheckExpressionErrors(errors, true);
        if (awaitAt > -1)
        {
            Unexpected(awaitAt);
        }

        return ParseFor(m, initExpr);
    }

    private Statement ParseForAfterInit(Marker m, VariableDeclaration init, int awaitAt)
    {
        if ((Type == TokenType.In || IsContextual("of")) && init.Declarations.Count == 1)
        {
            var isAwait = false;
            if (Type == TokenType.In)
            {
                if (init.Kind is VariableDeclarationKind.Using or VariableDeclarationKind.AwaitUsing && init.Declarations[0].Init is null)
                {
                    Raise(_t.Current.Start, "Using declaration is not allowed in for-in loops");
                }

                if (awaitAt > -1)
                {
                    Unexpected(awaitAt);
                }
            }
            else
            {
                isAwait = awaitAt > -1;
            }

            return ParseForIn(m, init, isAwait);
        }

        if (awaitAt > -1)
        {
            Unexpected(awaitAt);
        }

        return ParseFor(m, init);
    }

    private ForStatement ParseFor(Marker m, Node? init)
    {
        Expect(TokenType.Semicolon);
        var test = Type == TokenType.Semicolon ? null : ParseExpression();
        Expect(TokenType.Semicolon);
        var update = Type == TokenType.ParenR ? null : ParseExpression();
        Expect(TokenType.ParenR);
        var body = ParseStatement(StatementContext.Other);
        ExitScope();
        _labels.RemoveAt(_labels.Count - 1);
        return Finish(new ForStatement(init, test, update, body), m);
    }

    private Statement ParseForIn(Marker m, Node init, bool isAwait)
    {
        var isForIn = Type == TokenType.In;
        Next();
        if (init is VariableDeclaration decl && decl.Declarations[0].Init is not null &&
            (!isForIn || Strict || decl.Kind != VariableDeclarationKind.Var || decl.Declarations[0].Id is not Identifier))
        {
            Raise(init.Start, (isForIn ? "for-in" : "for-of") + " loop variable declaration may not have an initializer");
        }

        var right = isForIn ? ParseExpression() : ParseMaybeAssign();
        Expect(TokenType.ParenR);
        var body = ParseStatement(StatementContext.Other);
        ExitScope();
        _labels.RemoveAt(_labels.Count - 1);
        return isForIn ? Finish(new ForInStatement(init, right, body), m) : Finish(new ForOfStatement(isAwait, init, right, body), m);
    }

    private NodeList<VariableDeclarator> ParseVar(VariableDeclarationKind kind, bool isFor, bool allowMissingInitializer)
    {
        var list = new List<VariableDeclarator>();
        while (true)
        {
            var m = Mark();
            Node id = kind is VariableDeclarationKind.Using or VariableDeclarationKind.AwaitUsing ? ParseIdent(false) : ParseBindingAtom();
            CheckLValPattern(id, kind == VariableDeclarationKind.Var ? BindingKind.Var : BindingKind.Lexical);
            Expression? init = null;
            if (Eat(TokenType.Eq))
            {
                init = ParseMaybeAssign(isFor);
            }
            else if (!allowMissingInitializer && kind == VariableDeclarationKind.Const && !(Type == TokenType.In || IsContextual("of")))
            {
                Unexpected();
            }
            else if (!allowMissingInitializer && kind is VariableDeclarationKind.Using or VariableDeclarationKind.AwaitUsing && Type != TokenType.In && !IsContextual("of"))
            {
                Raise(_t.LastTokEnd, $"Missing initializer in {kind.ToEstreeString()} declaration");
            }
            else if (!allowMissingInitializer && id is not Identifier && !(isFor && (Type == TokenType.In || IsContextual("of"))))
            {
                Raise(_t.LastTokEnd, "Complex binding patterns require an initialization value");
            }

            list.Add(Finish(new VariableDeclarator(id, init), m));
            if (!Eat(TokenType.Comma))
            {
                break;
            }
        }

        return new NodeList<VariableDeclarator>(list);
    }

    private VariableDeclaration ParseVarStatement(Marker m, VariableDeclarationKind kind)
    {
        Next();
        var decls = ParseVar(kind, false, false);
        Semicolon();
        return Finish(new VariableDeclaration(decls, kind), m);
    }

    private IfStatement ParseIfStatement(Marker m)
    {
        // 'else if' chains (hundreds long in generated code) are read in a loop rather than by recursion; the
        // tree still nests, so each link counts towards the nesting limit.
        List<(Marker Start, Expression Test, Statement Consequent)>? outer = null;
        Statement? alternate;
        Expression test;
        Statement consequent;
        while (true)
        {
            Next();
            test = ParseParenExpression();
            consequent = ParseStatement(StatementContext.If);
            if (!Eat(TokenType.Else))
            {
                alternate = null;
                break;
            }

            if (Type != TokenType.If)
            {
                alternate = ParseStatement(StatementContext.If);
                break;
            }

            outer ??= [];
            outer.Add((m, test, consequent));
            EnterNesting();
            m = Mark();
        }

        var node = Finish(new IfStatement(test, consequent, alternate), m);
        if (outer is not null)
        {
            for (var i = outer.Count - 1; i >= 0; i--)
            {
                node = Finish(new IfStatement(outer[i].Test, outer[i].Consequent, node), outer[i].Start);
            }

            _depth -= outer.Count;
        }

        return node;
    }

    private ReturnStatement ParseReturnStatement(Marker m)
    {
        if (!InFunction)
        {
            Raise(_t.Current.Start, "'return' outside of function");
        }

        Next();
        Expression? argument = null;
        if (!Eat(TokenType.Semicolon) && !CanInsertSemicolon())
        {
            argument = ParseExpression();
            Semicolon();
        }

        return Finish(new ReturnStatement(argument), m);
    }

    private static readonly Label SwitchLabel = new() { Kind = LabelKind.Switch };

    private SwitchStatement ParseSwitchStatement(Marker m)
    {
        Next();
        var discriminant = ParseParenExpression();
        var cases = new List<SwitchCase>();
        Expect(TokenType.BraceL);
        _labels.Add(SwitchLabel);
        EnterScope(ScopeFlags.Switch);
        var sawDefault = false;
        Marker caseStart = default;
        Expression? test = null;
        List<Statement>? consequent = null;
        while (Type != TokenType.BraceR)
        {
            if (Type is TokenType.Case or TokenType.Default)
            {
                var isCase = Type == TokenType.Case;
                if (consequent is not null)
                {
                    cases.Add(Finish(new SwitchCase(new NodeList<Statement>(consequent), test), caseStart));
                }

                caseStart = Mark();
                consequent = [];
                Next();
                if (isCase)
                {
                    test = ParseExpression();
                }
                else
                {
                    if (sawDefault)
                    {
                        Raise(_t.LastTokStart, "Multiple default clauses");
                    }

                    sawDefault = true;
                    test = null;
                }

                Expect(TokenType.Colon);
            }
            else
            {
                if (consequent is null)
                {
                    Unexpected();
                }

                consequent!.Add(ParseStatement(StatementContext.None));
            }
        }

        ExitScope();
        if (consequent is not null)
        {
            cases.Add(Finish(new SwitchCase(new NodeList<Statement>(consequent), test), caseStart));
        }

        Next();
        _labels.RemoveAt(_labels.Count - 1);
        return Finish(new SwitchStatement(discriminant, new NodeList<SwitchCase>(cases)), m);
    }

    private ThrowStatement ParseThrowStatement(Marker m)
    {
        Next();
        if (_t.Current.NewlineBefore)
        {
            Raise(_t.LastTokEnd, "Illegal newline after throw");
        }

        var argument = ParseExpression();
        Semicolon();
        return Finish(new ThrowStatement(argument), m);
    }

    private TryStatement ParseTryStatement(Marker m)
    {
        Next();
        var block = ParseBlock();
        CatchClause? handler = null;
        if (Type == TokenType.Catch)
        {
            var cm = Mark();
            Next();
            Node? param = null;
            if (Eat(TokenType.ParenL))
            {
                param = ParseBindingAtom();
                var simple = param is Identifier;
                EnterScope(simple ? ScopeFlags.SimpleCatch : ScopeFlags.None);
                CheckLValPattern(param, simple ? BindingKind.SimpleCatch : BindingKind.Lexical);
                Expect(TokenType.ParenR);
            }
            else
            {
                EnterScope(ScopeFlags.None);
            }

            var body = ParseBlock(createNewLexicalScope: false);
            ExitScope();
            handler = Finish(new CatchClause(param, body), cm);
        }

        var finalizer = Eat(TokenType.Finally) ? ParseBlock() : null;
        if (handler is null && finalizer is null)
        {
            Raise(m.Start, "Missing catch or finally clause");
        }

        return Finish(new TryStatement(block, handler, finalizer), m);
    }

    private WhileStatement ParseWhileStatement(Marker m)
    {
        Next();
        var test = ParseParenExpression();
        _labels.Add(LoopLabel);
        var body = ParseStatement(StatementContext.Other);
        _labels.RemoveAt(_labels.Count - 1);
        return Finish(new WhileStatement(test, body), m);
    }

    private WithStatement ParseWithStatement(Marker m)
    {
        if (Strict)
        {
            Raise(_t.Current.Start, "'with' in strict mode");
        }

        Next();
        var obj = ParseParenExpression();
        var body = ParseStatement(StatementContext.Other);
        return Finish(new WithStatement(obj, body), m);
    }

    private LabeledStatement ParseLabeledStatement(Marker m, string name, Identifier label, StatementContext context)
    {
        foreach (var existing in _labels)
        {
            if (existing.Name == name)
            {
                Raise(label.Start, $"Label '{name}' is already declared");
            }
        }

        var kind = Type is TokenType.Do or TokenType.For or TokenType.While ? LabelKind.Loop : Type == TokenType.Switch ? LabelKind.Switch : LabelKind.None;
        for (var i = _labels.Count - 1; i >= 0; i--)
        {
            var existing = _labels[i];
            if (existing.StatementStart == m.Start)
            {
                // Labels stacked on the same statement share its kind.
                existing.StatementStart = _t.Current.Start;
                existing.Kind = kind;
                _labels[i] = existing;
            }
            else
            {
                break;
            }
        }

        _labels.Add(new Label { Name = name, Kind = kind, StatementStart = _t.Current.Start });
        var bodyContext = context switch
        {
            StatementContext.None => StatementContext.Label,
            StatementContext.Label => StatementContext.Label,
            _ => StatementContext.Other,
        };
        var body = ParseStatement(bodyContext);
        _labels.RemoveAt(_labels.Count - 1);
        return Finish(new LabeledStatement(body, label), m);
    }

    private BlockStatement ParseBlock(bool createNewLexicalScope = true, bool exitStrict = false, bool directives = false)
    {
        var m = Mark();
        Expect(TokenType.BraceL);
        if (createNewLexicalScope)
        {
            EnterScope(ScopeFlags.None);
        }

        var body = new List<Statement>();
        ParseStatementList(body, TokenType.BraceR, false, directives);
        if (exitStrict)
        {
            Strict = false;
        }

        Next();
        if (createNewLexicalScope)
        {
            ExitScope();
        }

        return Finish(new BlockStatement(new NodeList<Statement>(body)), m);
    }

    private Expression ParseParenExpression()
    {
        Expect(TokenType.ParenL);
        var expr = ParseExpression();
        Expect(TokenType.ParenR);
        return expr;
    }
}
