using System.Numerics;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    /// <summary>
    /// Positions of constructs that are only valid if the expression being parsed turns out to be a pattern
    /// (or only if it does not), reported once the parser knows which (acorn's DestructuringErrors).
    /// </summary>
    private sealed class DestructuringErrors
    {
        public int ShorthandAssign = -1;
        public int TrailingComma = -1;
        public int ParenthesizedAssign = -1;
        public int ParenthesizedBind = -1;
        public int DoubleProto = -1;
    }

    // Most expressions need a DestructuringErrors only while they are parsed; reuse them (strictly nested use).
    private readonly Stack<DestructuringErrors> _errorsPool = new();

    private DestructuringErrors RentErrors()
    {
        if (_errorsPool.TryPop(out var errors))
        {
            errors.ShorthandAssign = errors.TrailingComma = errors.ParenthesizedAssign = errors.ParenthesizedBind = errors.DoubleProto = -1;
            return errors;
        }

        return new DestructuringErrors();
    }

    private bool CheckExpressionErrors(DestructuringErrors? errors, bool andThrow = false)
    {
        if (errors is null)
        {
            return false;
        }

        if (!andThrow)
        {
            return errors.ShorthandAssign >= 0 || errors.DoubleProto >= 0;
        }

        if (errors.ShorthandAssign >= 0)
        {
            Raise(errors.ShorthandAssign, "Shorthand property assignments are valid only in destructuring patterns");
        }

        if (errors.DoubleProto >= 0)
        {
            Raise(errors.DoubleProto, "Redefinition of __proto__ property");
        }

        return false;
    }

    private void CheckPatternErrors(DestructuringErrors? errors, bool isAssign)
    {
        if (errors is null)
        {
            return;
        }

        if (errors.TrailingComma >= 0)
        {
            Raise(errors.TrailingComma, "Comma is not permitted after the rest element");
        }

        var parens = isAssign ? errors.ParenthesizedAssign : errors.ParenthesizedBind;
        if (parens >= 0)
        {
            Raise(parens, isAssign ? "Assigning to rvalue" : "Parenthesized pattern");
        }
    }

    private void CheckYieldAwaitInDefaultParams()
    {
        if (_yieldPos != 0 && (_awaitPos == 0 || _yieldPos < _awaitPos))
        {
            Raise(_yieldPos, "Yield expression cannot be a default value");
        }

        if (_awaitPos != 0)
        {
            Raise(_awaitPos, "Await expression cannot be a default value");
        }
    }

    private Expression ParseExpression(bool noIn = false, DestructuringErrors? errors = null)
    {
        var m = Mark();
        var expr = ParseMaybeAssign(noIn, errors);
        if (Type == TokenType.Comma)
        {
            var list = new List<Expression> { expr };
            while (Eat(TokenType.Comma))
            {
                list.Add(ParseMaybeAssign(noIn, errors));
            }

            return Finish(new SequenceExpression(new NodeList<Expression>(list)), m);
        }

        return expr;
    }

    private Expression ParseMaybeAssign(bool noIn = false, DestructuringErrors? errors = null, bool forAwaitInit = false)
    {
        if (IsContextual("yield"))
        {
            if (InGenerator)
            {
                return ParseYield(noIn);
            }
        }

        EnterNesting();
        var ownErrors = false;
        int oldParenAssign = -1, oldTrailingComma = -1, oldDoubleProto = -1;
        if (errors is not null)
        {
            oldParenAssign = errors.ParenthesizedAssign;
            oldTrailingComma = errors.TrailingComma;
            oldDoubleProto = errors.DoubleProto;
            errors.ParenthesizedAssign = errors.TrailingComma = -1;
        }
        else
        {
            errors = RentErrors();
            ownErrors = true;
        }

        var m = Mark();
        if (Type is TokenType.ParenL or TokenType.Name)
        {
            _potentialArrowAt = _t.Current.Start;
            _potentialArrowInForAwait = forAwaitInit;
        }

        var left = ParseMaybeConditional(noIn, errors);
        if (Type.IsAssign())
        {
            var op = Type;
            Node target = left;
            if (op == TokenType.Eq)
            {
                target = ToAssignable(left, false, errors);
            }

            if (!ownErrors)
            {
                errors.ParenthesizedAssign = errors.TrailingComma = errors.DoubleProto = -1;
            }

            if (errors.ShorthandAssign >= target.Start)
            {
                errors.ShorthandAssign = -1;
            }

            if (op == TokenType.Eq)
            {
                CheckLValPattern(target);
            }
            else
            {
                CheckLValSimple(target);
            }

            Next();
            var right = ParseMaybeAssign(noIn);
            if (oldDoubleProto > -1)
            {
                errors.DoubleProto = oldDoubleProto;
            }

            LeaveNesting();
            if (ownErrors)
            {
                _errorsPool.Push(errors);
            }

            return Finish(new AssignmentExpression(op.ToAssignmentOperator(), target, right), m);
        }

        if (ownErrors)
        {
            CheckExpressionErrors(errors, true);
            _errorsPool.Push(errors);
        }

        if (oldParenAssign > -1)
        {
            errors.ParenthesizedAssign = oldParenAssign;
        }

        if (oldTrailingComma > -1)
        {
            errors.TrailingComma = oldTrailingComma;
        }

        LeaveNesting();
        return left;
    }

    private Expression ParseMaybeConditional(bool noIn, DestructuringErrors? errors)
    {
        var m = Mark();
        var expr = ParseExprOps(noIn, errors);
        if (CheckExpressionErrors(errors))
        {
            return expr;
        }

        if (Eat(TokenType.Question))
        {
            var consequent = ParseMaybeAssign();
            Expect(TokenType.Colon);
            var alternate = ParseMaybeAssign(noIn);
            return Finish(new ConditionalExpression(expr, consequent, alternate), m);
        }

        return expr;
    }

    private Expression ParseExprOps(bool noIn, DestructuringErrors? errors)
    {
        var m = Mark();
        var expr = ParseMaybeUnary(errors, false, false, noIn);
        if (CheckExpressionErrors(errors))
        {
            return expr;
        }

        return expr.Start == m.Start && expr is ArrowFunctionExpression ? expr : ParseExprOp(expr, m, -1, noIn);
    }

    private static int BinaryPrecedence(TokenType type) => type switch
    {
        TokenType.PipePipe or TokenType.QuestionQuestion => 1,
        TokenType.AmpAmp => 2,
        TokenType.Pipe => 3,
        TokenType.Caret => 4,
        TokenType.Amp => 5,
        TokenType.EqEq or TokenType.NotEq or TokenType.EqEqEq or TokenType.NotEqEq => 6,
        TokenType.Lt or TokenType.Gt or TokenType.LtEq or TokenType.GtEq or TokenType.In or TokenType.InstanceOf => 7,
        TokenType.Shl or TokenType.Shr or TokenType.UShr => 8,
        TokenType.Plus or TokenType.Minus => 9,
        TokenType.Star or TokenType.Slash or TokenType.Percent => 10,
        TokenType.StarStar => 11,
        _ => -1,
    };

    private Expression ParseExprOp(Expression left, Marker leftStart, int minPrec, bool noIn)
    {
        // Each operator of a left-associative chain nests the tree one level deeper: count it like any nesting so
        // recursive tree walkers stay within the stack.
        var links = 0;
        while (true)
        {
            var prec = BinaryPrecedence(Type);
            if (prec < 0 || (noIn && Type == TokenType.In) || prec <= minPrec)
            {
                _depth -= links;
                return left;
            }

            EnterNesting();
            links++;

            var op = Type;
            var logical = op is TokenType.PipePipe or TokenType.AmpAmp;
            var coalesce = op == TokenType.QuestionQuestion;
            if (coalesce)
            {
                // ?? binds like && so that mixing it with || or && unparenthesised is detected below.
                prec = 2;
            }

            Next();
            var rightStart = Mark();
            EnterNesting();
            var right = ParseExprOp(ParseMaybeUnary(null, false, false, noIn), rightStart, op == TokenType.StarStar ? prec - 1 : prec, noIn);
            LeaveNesting();
            if ((logical && Type == TokenType.QuestionQuestion) || (coalesce && Type is TokenType.PipePipe or TokenType.AmpAmp))
            {
                Raise(_t.Current.Start, "Logical expressions and coalesce expressions cannot be mixed. Wrap either by parentheses");
            }

            left = BuildBinary(leftStart, left, op, right);
        }
    }

    private Expression BuildBinary(Marker m, Expression left, TokenType op, Expression right)
    {
        if (right is PrivateIdentifier)
        {
            Raise(right.Start, "Private identifier can only be left side of binary expression");
        }

        Expression node = op switch
        {
            TokenType.PipePipe => new LogicalExpression(left, LogicalOperator.Or, right),
            TokenType.AmpAmp => new LogicalExpression(left, LogicalOperator.And, right),
            TokenType.QuestionQuestion => new LogicalExpression(left, LogicalOperator.NullishCoalescing, right),
            _ => new BinaryExpression(left, ToBinaryOperator(op), right),
        };
        return Finish(node, m);
    }

    private static BinaryOperator ToBinaryOperator(TokenType type) => type switch
    {
        TokenType.EqEq => BinaryOperator.Equality,
        TokenType.NotEq => BinaryOperator.Inequality,
        TokenType.EqEqEq => BinaryOperator.StrictEquality,
        TokenType.NotEqEq => BinaryOperator.StrictInequality,
        TokenType.Lt => BinaryOperator.LessThan,
        TokenType.LtEq => BinaryOperator.LessThanOrEqual,
        TokenType.Gt => BinaryOperator.GreaterThan,
        TokenType.GtEq => BinaryOperator.GreaterThanOrEqual,
        TokenType.Shl => BinaryOperator.LeftShift,
        TokenType.Shr => BinaryOperator.RightShift,
        TokenType.UShr => BinaryOperator.UnsignedRightShift,
        TokenType.Plus => BinaryOperator.Plus,
        TokenType.Minus => BinaryOperator.Minus,
        TokenType.Star => BinaryOperator.Times,
        TokenType.Slash => BinaryOperator.Divide,
        TokenType.Percent => BinaryOperator.Modulo,
        TokenType.StarStar => BinaryOperator.Exponentiation,
        TokenType.Pipe => BinaryOperator.BitwiseOr,
        TokenType.Caret => BinaryOperator.BitwiseXor,
        TokenType.Amp => BinaryOperator.BitwiseAnd,
        TokenType.In => BinaryOperator.In,
        _ => BinaryOperator.InstanceOf,
    };

    private Expression ParseMaybeUnary(DestructuringErrors? errors, bool sawUnary, bool incDec, bool noIn)
    {
        var m = Mark();
        Expression expr;
        if (IsContextual("await") && CanAwait)
        {
            expr = ParseAwait(noIn);
            sawUnary = true;
        }
        else if (Type is TokenType.Bang or TokenType.Tilde or TokenType.Plus or TokenType.Minus or TokenType.TypeOf or TokenType.Void or TokenType.Delete
            or TokenType.PlusPlus or TokenType.MinusMinus)
        {
            expr = ParsePrefixUnary(m, errors, noIn, out var isUnary);
            sawUnary |= isUnary;
        }
        else if (!sawUnary && Type == TokenType.PrivateName)
        {
            if (noIn || _privateNameStack.Count == 0)
            {
                Unexpected();
            }

            expr = ParsePrivateIdent();
            if (Type != TokenType.In)
            {
                Unexpected();
            }
        }
        else
        {
            expr = ParseExprSubscripts(errors, noIn);
            if (CheckExpressionErrors(errors))
            {
                return expr;
            }

            while (Type is TokenType.PlusPlus or TokenType.MinusMinus && !CanInsertSemicolon())
            {
                CheckLValSimple(expr);
                var op = Type == TokenType.PlusPlus ? UpdateOperator.Increment : UpdateOperator.Decrement;
                Next();
                expr = Finish(new UpdateExpression(op, false, expr), m);
            }
        }

        if (!incDec && Type == TokenType.StarStar)
        {
            Next();
            if (sawUnary)
            {
                Unexpected(_t.LastTokStart);
            }

            EnterNesting();
            var right = ParseMaybeUnary(null, false, false, noIn);
            LeaveNesting();
            return BuildBinary(m, expr, TokenType.StarStar, right);
        }

        return expr;
    }

    private Expression ParsePrefixUnary(Marker m, DestructuringErrors? errors, bool noIn, out bool isUnary)
    {
        var op = Type;
        var update = op is TokenType.PlusPlus or TokenType.MinusMinus;
        Next();
        EnterNesting();
        var argument = ParseMaybeUnary(null, true, update, noIn);
        LeaveNesting();
        CheckExpressionErrors(errors, true);
        if (update)
        {
            CheckLValSimple(argument);
            isUnary = false;
            return Finish(new UpdateExpression(op == TokenType.PlusPlus ? UpdateOperator.Increment : UpdateOperator.Decrement, true, argument), m);
        }
        else
        {
            if (op == TokenType.Delete)
            {
                if (Strict && argument is Identifier)
                {
                    Raise(m.Start, "Deleting local variable in strict mode");
                }

                if (IsPrivateFieldAccess(argument))
                {
                    Raise(m.Start, "Private fields can not be deleted");
                }
            }

            var unary = op switch
            {
                TokenType.Bang => UnaryOperator.LogicalNot,
                TokenType.Tilde => UnaryOperator.BitwiseNot,
                TokenType.Plus => UnaryOperator.Plus,
                TokenType.Minus => UnaryOperator.Minus,
                TokenType.TypeOf => UnaryOperator.TypeOf,
                TokenType.Void => UnaryOperator.Void,
                _ => UnaryOperator.Delete,
            };
            isUnary = true;
            return Finish(new UnaryExpression(unary, true, argument), m);
        }
    }

    private static bool IsPrivateFieldAccess(Node node) =>
        (node is MemberExpression { Property: PrivateIdentifier }) || (node is ChainExpression chain && IsPrivateFieldAccess(chain.Expression));

    private AwaitExpression ParseAwait(bool noIn)
    {
        if (_awaitPos == 0)
        {
            _awaitPos = _t.Current.Start;
        }

        var m = Mark();
        Next();
        EnterNesting();
        var argument = ParseMaybeUnary(null, true, false, noIn);
        LeaveNesting();
        return Finish(new AwaitExpression(argument), m);
    }

    private static bool StartsExpr(TokenType type) => type switch
    {
        TokenType.BracketL or TokenType.BraceL or TokenType.ParenL or TokenType.Template or TokenType.Name or TokenType.PrivateName
            or TokenType.Number or TokenType.BigInt or TokenType.String or TokenType.RegExp or TokenType.Slash or TokenType.SlashEq
            or TokenType.PlusPlus or TokenType.MinusMinus or TokenType.Bang or TokenType.Tilde or TokenType.Plus or TokenType.Minus
            or TokenType.Function or TokenType.Class or TokenType.New or TokenType.This or TokenType.Super or TokenType.Null
            or TokenType.True or TokenType.False or TokenType.TypeOf or TokenType.Void or TokenType.Delete or TokenType.Import
            or TokenType.Lt => true,
        _ => false,
    };

    private YieldExpression ParseYield(bool noIn)
    {
        if (_yieldPos == 0)
        {
            _yieldPos = _t.Current.Start;
        }

        var m = Mark();
        Next();
        bool isDelegate;
        Expression? argument;
        if (Type == TokenType.Semicolon || CanInsertSemicolon() || (Type != TokenType.Star && !StartsExpr(Type)))
        {
            isDelegate = false;
            argument = null;
        }
        else
        {
            isDelegate = Eat(TokenType.Star);
            argument = ParseMaybeAssign(noIn);
        }

        return Finish(new YieldExpression(isDelegate, argument), m);
    }

    private Expression ParseExprSubscripts(DestructuringErrors? errors, bool noIn)
    {
        var m = Mark();
        var expr = ParseExprAtom(errors, noIn, false);
        if (expr is ArrowFunctionExpression && !(_t.LastTokEnd - _t.LastTokStart == 1 && _t.Source[_t.LastTokStart] == ')'))
        {
            return expr;
        }

        var result = ParseSubscripts(expr, m, false, noIn);
        if (errors is not null && result is MemberExpression)
        {
            if (errors.ParenthesizedAssign >= result.Start)
            {
                errors.ParenthesizedAssign = -1;
            }

            if (errors.ParenthesizedBind >= result.Start)
            {
                errors.ParenthesizedBind = -1;
            }

            if (errors.TrailingComma >= result.Start)
            {
                errors.TrailingComma = -1;
            }
        }

        return result;
    }

    private Expression ParseSubscripts(Expression @base, Marker m, bool noCalls, bool noIn)
    {
        var maybeAsyncArrow = @base is Identifier { Name: "async" } && _t.LastTokEnd == @base.End && !CanInsertSemicolon()
            && @base.End - @base.Start == 5 && _potentialArrowAt == @base.Start;
        var optionalChained = false;
        var depth = 0;
        try
        {
            while (true)
            {
                var element = ParseSubscript(@base, m, noCalls, maybeAsyncArrow, optionalChained, noIn, out var optional);
                if (optional)
                {
                    optionalChained = true;
                }

                if (ReferenceEquals(element, @base) || element is ArrowFunctionExpression)
                {
                    if (optionalChained)
                    {
                        element = Finish(new ChainExpression(element), m);
                    }

                    return element;
                }

                @base = element;

                // Long call/member chains nest in the tree; count them so tree walkers stay within the stack.
                EnterNesting();
                depth++;
            }
        }
        finally
        {
            _depth -= depth;
        }
    }

    private Expression ParseSubscript(Expression @base, Marker m, bool noCalls, bool maybeAsyncArrow, bool optionalChained, bool noIn, out bool optional)
    {
        optional = Eat(TokenType.QuestionDot);
        if (noCalls && optional)
        {
            Raise(_t.LastTokStart, "Optional chaining cannot appear in the callee of new expressions");
        }

        var computed = Eat(TokenType.BracketL);
        if (computed || (optional && Type != TokenType.ParenL && Type != TokenType.Template) || Eat(TokenType.Dot))
        {
            Node property;
            if (computed)
            {
                property = ParseExpression();
                Expect(TokenType.BracketR);
            }
            else if (Type == TokenType.PrivateName && @base is not Super)
            {
                property = ParsePrivateIdent();
            }
            else
            {
                property = ParseIdent(true);
            }

            return Finish(new MemberExpression(@base, property, computed, optional), m);
        }

        if (!noCalls && Eat(TokenType.ParenL))
        {
            var errors = new DestructuringErrors();
            var oldYieldPos = _yieldPos;
            var oldAwaitPos = _awaitPos;
            var oldAwaitIdentPos = _awaitIdentPos;
            _yieldPos = 0;
            _awaitPos = 0;
            _awaitIdentPos = 0;
            var args = ParseExprList(TokenType.ParenR, true, false, errors);
            if (maybeAsyncArrow && !optional && !CanInsertSemicolon() && Eat(TokenType.Arrow))
            {
                CheckPatternErrors(errors, false);
                CheckYieldAwaitInDefaultParams();
                if (_awaitIdentPos > 0)
                {
                    Raise(_awaitIdentPos, "Cannot use 'await' as identifier inside an async function");
                }

                _yieldPos = oldYieldPos;
                _awaitPos = oldAwaitPos;
                _awaitIdentPos = oldAwaitIdentPos;
                return ParseArrowExpression(m, args, true, noIn);
            }

            CheckExpressionErrors(errors, true);
            _yieldPos = oldYieldPos != 0 ? oldYieldPos : _yieldPos;
            _awaitPos = oldAwaitPos != 0 ? oldAwaitPos : _awaitPos;
            _awaitIdentPos = oldAwaitIdentPos != 0 ? oldAwaitIdentPos : _awaitIdentPos;
            return Finish(new CallExpression(@base, NonNull(args), optional), m);
        }

        if (Type == TokenType.Template)
        {
            if (optional || optionalChained)
            {
                Raise(_t.Current.Start, "Optional chaining cannot appear in the tag of tagged template expressions");
            }

            var quasi = ParseTemplate(true);
            return Finish(new TaggedTemplateExpression(@base, quasi), m);
        }

        return @base;
    }

    private static NodeList<Node> NonNull(List<Node?> list)
    {
        var array = new Node[list.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = list[i]!;
        }

        return new NodeList<Node>(array);
    }

    private Expression ParseExprAtom(DestructuringErrors? errors, bool noIn, bool forNew)
    {
        if (Type is TokenType.Slash or TokenType.SlashEq)
        {
            _t.RescanAsRegExp();
        }

        var canBeArrow = _potentialArrowAt == _t.Current.Start;
        var m = Mark();
        switch (Type)
        {
            case TokenType.Super:
                {
                    if (!AllowSuper)
                    {
                        Raise(_t.Current.Start, "'super' keyword outside a method");
                    }

                    Next();
                    if (Type == TokenType.ParenL && !AllowDirectSuper)
                    {
                        Raise(m.Start, "super() call outside constructor of a subclass");
                    }

                    if (Type is not (TokenType.Dot or TokenType.BracketL or TokenType.ParenL))
                    {
                        Unexpected();
                    }

                    return Finish(new Super(), m);
                }

            case TokenType.This:
                Next();
                return Finish(new ThisExpression(), m);
            case TokenType.Name:
                return ParseIdentifierAtom(m, canBeArrow, noIn);
            case TokenType.RegExp:
                return ParseRegExpLiteral(m);
            case TokenType.Number:
            case TokenType.String:
            case TokenType.BigInt:
                return ParseLiteral();
            case TokenType.Null:
                Next();
                return Finish(new Literal(LiteralKind.Null, null, "null"), m);
            case TokenType.True:
                Next();
                return Finish(new Literal(LiteralKind.Boolean, true, "true"), m);
            case TokenType.False:
                Next();
                return Finish(new Literal(LiteralKind.Boolean, false, "false"), m);
            case TokenType.ParenL:
                return ParseParenAtom(errors, canBeArrow, noIn);
            case TokenType.BracketL:
                return ParseArrayLiteral(m, errors);
            case TokenType.BraceL:
                return (Expression)ParseObj(false, errors);
            case TokenType.Function:
                Next();
                return ParseFunctionExpression(m, false);
            case TokenType.Class:
                return (Expression)ParseClass(m, ClassContext.Expression);
            case TokenType.New:
                return ParseNew();
            case TokenType.Template:
                return ParseTemplate(false);
            case TokenType.Import:
                return ParseExprImport(forNew);
            default:
                Unexpected();
                return null!;
        }
    }

    // The atom cases below live in their own methods so ParseExprAtom, which every level of nested expressions
    // passes through, keeps a small stack frame.
    private Expression ParseIdentifierAtom(Marker m, bool canBeArrow, bool noIn)
    {
        var containsEsc = _t.Current.ContainsEscape;
        var id = ParseIdent(false);
        if (id.Name == "async" && !containsEsc && !CanInsertSemicolon() && Type == TokenType.Function)
        {
            Next();
            return ParseFunctionExpression(m, true);
        }

        if (canBeArrow && !CanInsertSemicolon())
        {
            if (Eat(TokenType.Arrow))
            {
                return ParseArrowExpression(m, [id], false, noIn);
            }

            if (id.Name == "async" && Type == TokenType.Name && !containsEsc &&
                (!_potentialArrowInForAwait || !IsContextual("of")))
            {
                var param = ParseIdent(false);
                if (CanInsertSemicolon() || !Eat(TokenType.Arrow))
                {
                    Unexpected();
                }

                return ParseArrowExpression(m, [param], true, noIn);
            }
        }

        return id;
    }

    private Literal ParseRegExpLiteral(Marker m)
    {
        var pattern = (string)_t.Current.Value!;
        var flags = _t.Current.RegexFlags!;
        var raw = _t.Source.Substring(_t.Current.Start, _t.Current.End - _t.Current.Start);
        Next();
        return Finish(new Literal(LiteralKind.RegExp, null, raw, new RegExpValue(pattern, flags)), m);
    }

    private Expression ParseParenAtom(DestructuringErrors? errors, bool canBeArrow, bool noIn)
    {
        var start = _t.Current.Start;
        var expr = ParseParenAndDistinguishExpression(canBeArrow, noIn);
        if (errors is not null)
        {
            if (errors.ParenthesizedAssign < 0 && !IsSimpleAssignTarget(expr))
            {
                errors.ParenthesizedAssign = start;
            }

            if (errors.ParenthesizedBind < 0)
            {
                errors.ParenthesizedBind = start;
            }
        }

        return expr;
    }

    private ArrayExpression ParseArrayLiteral(Marker m, DestructuringErrors? errors)
    {
        Next();
        var elements = ParseExprList(TokenType.BracketR, true, true, errors);
        return Finish(new ArrayExpression(new NodeList<Node?>(elements)), m);
    }

    private static bool IsSimpleAssignTarget(Expression expr) => expr is Identifier or MemberExpression;

    private Literal ParseLiteral()
    {
        var m = Mark();
        ref var tok = ref _t.Current;
        var raw = _t.Source.Substring(tok.Start, tok.End - tok.Start);
        Literal literal = tok.Type switch
        {
            TokenType.String => new Literal(LiteralKind.String, tok.Value, raw),
            TokenType.BigInt => new Literal(LiteralKind.BigInt, (BigInteger)tok.Value!, raw),
            _ => new Literal(LiteralKind.Number, tok.Value, raw),
        };
        Next();
        return Finish(literal, m);
    }

    private Expression ParseParenAndDistinguishExpression(bool canBeArrow, bool noIn)
    {
        var m = Mark();
        Next();
        var innerStart = Mark();
        var list = new List<Node?>();
        var first = true;
        var lastIsComma = false;
        var errors = new DestructuringErrors();
        var oldYieldPos = _yieldPos;
        var oldAwaitPos = _awaitPos;
        var spreadStart = -1;
        _yieldPos = 0;
        _awaitPos = 0;

        // awaitIdentPos is deliberately not reset: an 'await' identifier nested in parameters must still be seen.
        while (Type != TokenType.ParenR)
        {
            if (first)
            {
                first = false;
            }
            else
            {
                Expect(TokenType.Comma);
            }

            if (Type == TokenType.ParenR)
            {
                lastIsComma = true;
                break;
            }

            if (Type == TokenType.Ellipsis)
            {
                spreadStart = _t.Current.Start;
                list.Add(ParseRestBinding());
                if (Type == TokenType.Comma)
                {
                    Raise(_t.Current.Start, "Comma is not permitted after the rest element");
                }

                break;
            }

            list.Add(ParseMaybeAssign(false, errors));
        }

        var innerEnd = _t.LastTokEnd;
        var innerEndLoc = _t.LastTokEndLoc;
        Expect(TokenType.ParenR);

        if (canBeArrow && !CanInsertSemicolon() && Eat(TokenType.Arrow))
        {
            CheckPatternErrors(errors, false);
            CheckYieldAwaitInDefaultParams();
            _yieldPos = oldYieldPos;
            _awaitPos = oldAwaitPos;
            return ParseArrowExpression(m, list, false, noIn);
        }

        if (list.Count == 0 || lastIsComma)
        {
            Unexpected(_t.LastTokStart);
        }

        if (spreadStart >= 0)
        {
            Unexpected(spreadStart);
        }

        CheckExpressionErrors(errors, true);
        _yieldPos = oldYieldPos != 0 ? oldYieldPos : _yieldPos;
        _awaitPos = oldAwaitPos != 0 ? oldAwaitPos : _awaitPos;

        if (list.Count > 1)
        {
            var exprs = new Expression[list.Count];
            for (var i = 0; i < exprs.Length; i++)
            {
                exprs[i] = (Expression)list[i]!;
            }

            return Range(new SequenceExpression(new NodeList<Expression>(exprs)), innerStart.Start, innerStart.Loc, innerEnd, innerEndLoc);
        }

        return (Expression)list[0]!;
    }

    private List<Node?> ParseExprList(TokenType close, bool allowTrailingComma, bool allowEmpty, DestructuringErrors? errors)
    {
        var elements = new List<Node?>();
        var first = true;
        while (!Eat(close))
        {
            if (!first)
            {
                Expect(TokenType.Comma);
                if (allowTrailingComma && AfterTrailingComma(close))
                {
                    break;
                }
            }
            else
            {
                first = false;
            }

            Node? element;
            if (allowEmpty && Type == TokenType.Comma)
            {
                element = null;
            }
            else if (Type == TokenType.Ellipsis)
            {
                element = ParseSpread(errors);
                if (errors is not null && Type == TokenType.Comma && errors.TrailingComma < 0)
                {
                    errors.TrailingComma = _t.Current.Start;
                }
            }
            else
            {
                element = ParseMaybeAssign(false, errors);
            }

            elements.Add(element);
        }

        return elements;
    }

    private SpreadElement ParseSpread(DestructuringErrors? errors)
    {
        var m = Mark();
        Next();
        var argument = ParseMaybeAssign(false, errors);
        return Finish(new SpreadElement(argument), m);
    }

    private Identifier ParseIdent(bool liberal)
    {
        var m = Mark();
        string name;
        if (Type == TokenType.Name)
        {
            name = (string)_t.Current.Value!;
        }
        else if (Type.IsKeyword())
        {
            name = Type.Text();
        }
        else
        {
            Unexpected();
            return null!;
        }

        if (liberal)
        {
            _t.Next();
        }
        else
        {
            Next();
        }

        var id = Finish(new Identifier(name), m);
        if (!liberal)
        {
            CheckUnreserved(id.Name, id.Start);
            if (name == "await" && _awaitIdentPos == 0)
            {
                _awaitIdentPos = id.Start;
            }
        }

        return id;
    }

    private PrivateIdentifier ParsePrivateIdent()
    {
        var m = Mark();
        if (Type != TokenType.PrivateName)
        {
            Unexpected();
        }

        var name = (string)_t.Current.Value!;
        Next();
        var node = Finish(new PrivateIdentifier(name), m);
        if (_privateNameStack.Count == 0)
        {
            Raise(node.Start, $"Private field '#{name}' must be declared in an enclosing class");
        }

        _privateNameStack[^1].Used.Add(node);
        return node;
    }

    private static bool IsStrictReserved(string name) => name switch
    {
        "implements" or "interface" or "let" or "package" or "private" or "protected" or "public" or "static" or "yield" => true,
        _ => false,
    };

    private void CheckUnreserved(string name, int start)
    {
        // Every identifier passes through here: look at the scope chain only for the few names that need it.
        switch (name)
        {
            case "yield":
                if (InGenerator)
                {
                    Raise(start, "Cannot use 'yield' as identifier inside a generator");
                }

                break;
            case "await":
                if (InAsync)
                {
                    Raise(start, "Cannot use 'await' as identifier inside an async function");
                }

                if (InClassStaticBlock)
                {
                    Raise(start, "Cannot use await in class static initialization block");
                }

                break;
            case "arguments":
                if ((CurrentThisScope.Flags & ScopeFlags.Var) == 0)
                {
                    Raise(start, "Cannot use 'arguments' in class field initializer");
                }

                if (InClassStaticBlock)
                {
                    Raise(start, "Cannot use arguments in class static initialization block");
                }

                break;
        }

        if (TokenTypes.KeywordOrName(name) != TokenType.Name)
        {
            Raise(start, $"Unexpected keyword '{name}'");
        }

        if (name == "enum" || (_inModule && name == "await") || (Strict && IsStrictReserved(name)))
        {
            if (name == "await" && !InAsync)
            {
                Raise(start, "Cannot use keyword 'await' outside an async function");
            }

            Raise(start, $"The keyword '{name}' is reserved");
        }
    }

    private Expression ParseNew()
    {
        var m = Mark();
        var meta = ParseIdent(true);
        if (Eat(TokenType.Dot))
        {
            var containsEsc = _t.Current.ContainsEscape;
            var property = ParseIdent(true);
            if (property.Name != "target")
            {
                Raise(property.Start, "The only valid meta property for new is 'new.target'");
            }

            if (containsEsc)
            {
                Raise(m.Start, "'new.target' must not contain escaped characters");
            }

            if (!AllowNewDotTarget)
            {
                Raise(m.Start, "'new.target' can only be used in functions and class static block");
            }

            return Finish(new MetaProperty(meta, property), m);
        }

        var calleeStart = Mark();
        EnterNesting();
        var callee = ParseSubscripts(ParseExprAtom(null, false, true), calleeStart, true, false);
        LeaveNesting();
        if (callee is Super)
        {
            Raise(calleeStart.Start, "Invalid use of 'super'");
        }

        var args = Eat(TokenType.ParenL) ? NonNull(ParseExprList(TokenType.ParenR, true, false, null)) : default;
        return Finish(new NewExpression(callee, args), m);
    }

    private Expression ParseExprImport(bool forNew)
    {
        var m = Mark();
        if (_t.Current.ContainsEscape)
        {
            Raise(_t.Current.Start, "Escape sequence in keyword import");
        }

        var meta = ParseIdent(true);
        if (Type == TokenType.ParenL && !forNew)
        {
            return ParseDynamicImport(m);
        }

        if (Type == TokenType.Dot)
        {
            Next();
            var containsEsc = _t.Current.ContainsEscape;
            var property = ParseIdent(true);
            if (property.Name != "meta")
            {
                Raise(property.Start, "The only valid meta property for import is 'import.meta'");
            }

            if (containsEsc)
            {
                Raise(m.Start, "'import.meta' must not contain escaped characters");
            }

            if (!_inModule)
            {
                Raise(m.Start, "Cannot use 'import.meta' outside a module");
            }

            return Finish(new MetaProperty(meta, property), m);
        }

        Unexpected();
        return null!;
    }

    private ImportExpression ParseDynamicImport(Marker m)
    {
        Next();
        var source = ParseMaybeAssign();
        Expression? options = null;
        if (!Eat(TokenType.ParenR))
        {
            Expect(TokenType.Comma);
            if (!AfterTrailingComma(TokenType.ParenR))
            {
                options = ParseMaybeAssign();
                if (!Eat(TokenType.ParenR))
                {
                    Expect(TokenType.Comma);
                    if (!AfterTrailingComma(TokenType.ParenR))
                    {
                        Unexpected();
                    }
                }
            }
        }

        _importExpressions++;
        return Finish(new ImportExpression(source, options), m);
    }

    private TemplateLiteral ParseTemplate(bool isTagged)
    {
        var m = Mark();
        var quasis = new List<TemplateElement>();
        var expressions = new List<Expression>();
        while (true)
        {
            ref var tok = ref _t.Current;
            if (tok.Type != TokenType.Template)
            {
                Unexpected();
            }

            var cooked = (string?)tok.Value;
            if (tok.InvalidEscapeAt >= 0 && !isTagged)
            {
                Raise(tok.ChunkStart, "Bad escape sequence in untagged template literal");
            }

            var element = Range(new TemplateElement(new TemplateValue(tok.TemplateRaw!, cooked), tok.TemplateTail), tok.ChunkStart, tok.ChunkStartLoc, tok.ChunkEnd, tok.ChunkEndLoc);
            quasis.Add(element);
            var tail = tok.TemplateTail;
            Next();
            if (tail)
            {
                break;
            }

            expressions.Add(ParseExpression());
            if (Type != TokenType.BraceR)
            {
                Unexpected();
            }

            _t.ReadTemplateContinuation();
        }

        return Finish(new TemplateLiteral(new NodeList<Expression>(expressions), new NodeList<TemplateElement>(quasis)), m);
    }

    // ---- object literals ----

    private Node ParseObj(bool isPattern, DestructuringErrors? errors)
    {
        var m = Mark();
        EnterNesting();
        Next();
        var properties = new List<Node>();
        var first = true;
        var sawProto = false;
        while (!Eat(TokenType.BraceR))
        {
            if (!first)
            {
                Expect(TokenType.Comma);
                if (AfterTrailingComma(TokenType.BraceR))
                {
                    break;
                }
            }
            else
            {
                first = false;
            }

            var prop = ParseProperty(isPattern, errors);
            if (!isPattern)
            {
                CheckPropClash(prop, ref sawProto, errors);
            }

            properties.Add(prop);
        }

        LeaveNesting();
        return isPattern
            ? Finish(new ObjectPattern(new NodeList<Node>(properties)), m)
            : Finish(new ObjectExpression(new NodeList<Node>(properties)), m);
    }

    private void CheckPropClash(Node node, ref bool sawProto, DestructuringErrors? errors)
    {
        if (node is not Property { IsComputed: false, IsMethod: false, IsShorthand: false, Kind: PropertyKind.Init } prop)
        {
            return;
        }

        var isProto = prop.Key switch
        {
            Identifier id => id.Name == "__proto__",
            Literal { Value: string s } => s == "__proto__",
            _ => false,
        };
        if (!isProto)
        {
            return;
        }

        if (sawProto)
        {
            if (errors is not null)
            {
                if (errors.DoubleProto < 0)
                {
                    errors.DoubleProto = prop.Key.Start;
                }
            }
            else
            {
                Raise(prop.Key.Start, "Redefinition of __proto__ property");
            }
        }

        sawProto = true;
    }

    private Node ParseProperty(bool isPattern, DestructuringErrors? errors)
    {
        var m = Mark();
        if (Eat(TokenType.Ellipsis))
        {
            if (isPattern)
            {
                var argument = ParseIdent(false);
                if (Type == TokenType.Comma)
                {
                    Raise(_t.Current.Start, "Comma is not permitted after the rest element");
                }

                return Finish(new RestElement(argument), m);
            }

            var spreadArgument = ParseMaybeAssign(false, errors);
            if (Type == TokenType.Comma && errors is not null && errors.TrailingComma < 0)
            {
                errors.TrailingComma = _t.Current.Start;
            }

            return Finish(new SpreadElement(spreadArgument), m);
        }

        var isGenerator = !isPattern && Eat(TokenType.Star);
        var isAsync = false;
        var containsEsc = _t.Current.ContainsEscape;
        var (key, computed) = ParsePropertyName();
        if (!isPattern && !containsEsc && !isGenerator && !computed && key is Identifier { Name: "async" } &&
            Type is TokenType.Name or TokenType.Number or TokenType.BigInt or TokenType.String or TokenType.BracketL or TokenType.Star
                or (>= TokenTypes.FirstKeyword and <= TokenTypes.LastKeyword) &&
            !_t.Current.NewlineBefore)
        {
            isAsync = true;
            isGenerator = Eat(TokenType.Star);
            (key, computed) = ParsePropertyName();
        }

        return ParsePropertyValue(m, key, computed, isPattern, isGenerator, isAsync, errors, containsEsc);
    }

    private Property ParsePropertyValue(Marker m, Node key, bool computed, bool isPattern, bool isGenerator, bool isAsync, DestructuringErrors? errors, bool containsEsc)
    {
        if ((isGenerator || isAsync) && Type == TokenType.Colon)
        {
            Unexpected();
        }

        if (Eat(TokenType.Colon))
        {
            var value = isPattern ? ParseMaybeDefault(Mark(), null) : ParseMaybeAssign(false, errors);
            return Finish(new Property(false, false, computed, key, value, PropertyKind.Init), m);
        }

        if (Type == TokenType.ParenL)
        {
            if (isPattern)
            {
                Unexpected();
            }

            var method = ParseMethod(isGenerator, isAsync, false);
            return Finish(new Property(true, false, computed, key, method, PropertyKind.Init), m);
        }

        if (!isPattern && !containsEsc && !computed && key is Identifier { Name: "get" or "set" } accessor &&
            Type is not (TokenType.Comma or TokenType.BraceR or TokenType.Eq))
        {
            if (isGenerator || isAsync)
            {
                Unexpected();
            }

            var kind = accessor.Name == "get" ? PropertyKind.Get : PropertyKind.Set;
            (key, computed) = ParsePropertyName();
            var method = ParseMethod(false, false, false);
            CheckAccessorParams(kind == PropertyKind.Get, method);
            return Finish(new Property(false, false, computed, key, method, kind), m);
        }

        if (!computed && key is Identifier id)
        {
            if (isGenerator || isAsync)
            {
                Unexpected();
            }

            CheckUnreserved(id.Name, id.Start);
            if (id.Name == "await" && _awaitIdentPos == 0)
            {
                _awaitIdentPos = m.Start;
            }

            Node value;
            if (isPattern)
            {
                value = ParseMaybeDefault(m, SameRange(new Identifier(id.Name), id));
            }
            else if (Type == TokenType.Eq && errors is not null)
            {
                if (errors.ShorthandAssign < 0)
                {
                    errors.ShorthandAssign = _t.Current.Start;
                }

                value = ParseMaybeDefault(m, SameRange(new Identifier(id.Name), id));
            }
            else
            {
                value = SameRange(new Identifier(id.Name), id);
            }

            return Finish(new Property(false, true, false, key, value, PropertyKind.Init), m);
        }

        Unexpected();
        return null!;
    }

    private void CheckAccessorParams(bool isGetter, FunctionExpression method)
    {
        if (isGetter)
        {
            if (method.Params.Count != 0)
            {
                Raise(method.Start, "getter should have no params");
            }
        }
        else if (method.Params.Count != 1)
        {
            Raise(method.Start, "setter should have exactly one param");
        }
        else if (method.Params[0] is RestElement rest)
        {
            Raise(rest.Start, "Setter cannot use rest params");
        }
    }

    private (Node Key, bool Computed) ParsePropertyName()
    {
        if (Eat(TokenType.BracketL))
        {
            var key = ParseMaybeAssign();
            Expect(TokenType.BracketR);
            return (key, true);
        }

        if (Type is TokenType.Number or TokenType.String or TokenType.BigInt)
        {
            return (ParseLiteral(), false);
        }

        return (ParseIdent(true), false);
    }

    private FunctionExpression ParseMethod(bool isGenerator, bool isAsync, bool allowDirectSuper)
    {
        var m = Mark();
        var oldYieldPos = _yieldPos;
        var oldAwaitPos = _awaitPos;
        var oldAwaitIdentPos = _awaitIdentPos;
        _yieldPos = 0;
        _awaitPos = 0;
        _awaitIdentPos = 0;
        EnterScope(FunctionFlags(isAsync, isGenerator) | ScopeFlags.Super | (allowDirectSuper ? ScopeFlags.DirectSuper : 0));
        Expect(TokenType.ParenL);
        var parameters = ParseBindingList(TokenType.ParenR, false, true);
        CheckYieldAwaitInDefaultParams();
        var body = ParseFunctionBlockBody(null, parameters, isArrow: false, isMethod: true, functionStart: m.Start);
        _yieldPos = oldYieldPos;
        _awaitPos = oldAwaitPos;
        _awaitIdentPos = oldAwaitIdentPos;
        return Finish(new FunctionExpression(null, false, isGenerator, isAsync, new NodeList<Node>(parameters!), body), m);
    }

    private ArrowFunctionExpression ParseArrowExpression(Marker m, List<Node?> parameters, bool isAsync, bool noIn)
    {
        var oldYieldPos = _yieldPos;
        var oldAwaitPos = _awaitPos;
        var oldAwaitIdentPos = _awaitIdentPos;
        EnterScope(FunctionFlags(isAsync, false) | ScopeFlags.Arrow);
        var paramNodes = ToAssignableList(parameters, true);
        _yieldPos = 0;
        _awaitPos = 0;
        _awaitIdentPos = 0;
        Node body;
        bool isExpression;
        EnterNesting();
        if (Type != TokenType.BraceL)
        {
            body = ParseMaybeAssign(noIn);
            isExpression = true;
            CheckParams(paramNodes, false);
            ExitScope();
        }
        else
        {
            body = ParseFunctionBlockBody(null, paramNodes, isArrow: true, isMethod: false, functionStart: m.Start);
            isExpression = false;
        }

        LeaveNesting();
        _yieldPos = oldYieldPos;
        _awaitPos = oldAwaitPos;
        _awaitIdentPos = oldAwaitIdentPos;
        return Finish(new ArrowFunctionExpression(null, isExpression, false, isAsync, new NodeList<Node>(paramNodes!), body), m);
    }
}
