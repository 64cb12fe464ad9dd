using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    [Flags]
    private enum FunctionStatementFlags
    {
        None = 0,
        Statement = 1,

        /// <summary>The sole body of an if or a label (Annex B): the name is not declared.</summary>
        Hanging = 2,

        /// <summary><c>export default function () {}</c>.</summary>
        NullableId = 4,
    }

    /// <summary>Parses a function declaration after 'function' (and 'async') were consumed.</summary>
    private FunctionDeclaration ParseFunction(Marker m, FunctionStatementFlags flags, bool isAsync)
    {
        if (Type == TokenType.Star && (flags & FunctionStatementFlags.Hanging) != 0)
        {
            Unexpected();
        }

        var isGenerator = Eat(TokenType.Star);
        Identifier? id = null;
        if ((flags & FunctionStatementFlags.NullableId) == 0 || Type == TokenType.Name)
        {
            id = ParseIdent(false);
            if ((flags & FunctionStatementFlags.Hanging) == 0)
            {
                var binding = Strict || isGenerator || isAsync
                    ? (TreatFunctionsAsVar ? BindingKind.Var : BindingKind.Lexical)
                    : BindingKind.Function;
                CheckLValSimple(id, binding);
            }
        }

        var oldYieldPos = _yieldPos;
        var oldAwaitPos = _awaitPos;
        var oldAwaitIdentPos = _awaitIdentPos;
        _yieldPos = 0;
        _awaitPos = 0;
        _awaitIdentPos = 0;
        EnterScope(FunctionFlags(isAsync, isGenerator));
        Expect(TokenType.ParenL);
        var parameters = ParseBindingList(TokenType.ParenR, false, true);
        CheckYieldAwaitInDefaultParams();
        var body = ParseFunctionBlockBody(id, parameters, false, false, m.Start);
        _yieldPos = oldYieldPos;
        _awaitPos = oldAwaitPos;
        _awaitIdentPos = oldAwaitIdentPos;
        return Finish(new FunctionDeclaration(id, false, isGenerator, isAsync, new NodeList<Node>(parameters!), body), m);
    }

    /// <summary>Parses a function expression after 'function' (and 'async') were consumed.</summary>
    private FunctionExpression ParseFunctionExpression(Marker m, bool isAsync)
    {
        var isGenerator = Eat(TokenType.Star);
        var oldYieldPos = _yieldPos;
        var oldAwaitPos = _awaitPos;
        var oldAwaitIdentPos = _awaitIdentPos;
        _yieldPos = 0;
        _awaitPos = 0;
        _awaitIdentPos = 0;
        EnterScope(FunctionFlags(isAsync, isGenerator));
        var id = Type == TokenType.Name ? ParseIdent(false) : null;
        Expect(TokenType.ParenL);
        var parameters = ParseBindingList(TokenType.ParenR, false, true);
        CheckYieldAwaitInDefaultParams();
        var body = ParseFunctionBlockBody(id, parameters, false, false, m.Start);
        _yieldPos = oldYieldPos;
        _awaitPos = oldAwaitPos;
        _awaitIdentPos = oldAwaitIdentPos;
        return Finish(new FunctionExpression(id, false, isGenerator, isAsync, new NodeList<Node>(parameters!), body), m);
    }

    /// <summary>
    /// Parses a function's block body in the function scope already entered (and leaves that scope). Handles the
    /// 'use strict' directive, which makes the parameters and name subject to strict rules retroactively.
    /// </summary>
    private BlockStatement ParseFunctionBlockBody(Identifier? id, List<Node?> parameters, bool isArrow, bool isMethod, int functionStart = -1)
    {
        var oldStrict = Strict;
        var useStrict = false;
        var simple = IsSimpleParamList(parameters);
        if (!oldStrict || !simple)
        {
            useStrict = StrictDirective(_t.Current.End);
            if (useStrict && !simple)
            {
                Raise(functionStart >= 0 ? functionStart : _t.Current.Start, "Illegal 'use strict' directive in function with non-simple parameter list");
            }
        }

        var oldLabels = _labels;
        _labels = [];
        if (useStrict)
        {
            Strict = true;
        }

        CheckParams(parameters, !oldStrict && !useStrict && !isArrow && !isMethod && simple);
        if (Strict && id is not null)
        {
            CheckLValSimple(id, BindingKind.Outside);
        }

        var body = ParseBlock(createNewLexicalScope: false, exitStrict: useStrict && !oldStrict, directives: true);
        _labels = oldLabels;
        ExitScope();
        return body;
    }
}
