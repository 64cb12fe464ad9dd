using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    private enum ClassContext
    {
        Statement,
        Expression,

        /// <summary><c>export default class {}</c>: a declaration whose name may be omitted.</summary>
        NullableId,
    }

    private Node ParseClass(Marker m, ClassContext context)
    {
        Next();

        // A class definition is always strict mode code, including its name and heritage.
        var oldStrict = Strict;
        Strict = true;
        Identifier? id = null;
        if (Type == TokenType.Name)
        {
            id = ParseIdent(false);
            // Class names are strict bindings; acorn skips the check for class expressions, the spec does not.
            CheckLValSimple(id, context == ClassContext.Expression ? BindingKind.Outside : BindingKind.Lexical);
        }
        else if (context == ClassContext.Statement)
        {
            Unexpected();
        }

        Expression? superClass = null;
        if (Eat(TokenType.Extends))
        {
            EnterNesting();
            superClass = ParseExprSubscripts(null, false);
            LeaveNesting();
        }

        var privateNames = EnterClassBody();
        var bodyStart = Mark();
        var elements = new List<Node>();
        var hadConstructor = false;
        Expect(TokenType.BraceL);
        EnterNesting();
        while (Type != TokenType.BraceR)
        {
            if (Type == TokenType.EOF)
            {
                Unexpected();
            }

            var element = ParseClassElement(superClass is not null);
            if (element is null)
            {
                continue;
            }

            elements.Add(element);
            if (element is MethodDefinition { Kind: MethodDefinitionKind.Constructor })
            {
                if (hadConstructor)
                {
                    Raise(element.Start, "Duplicate constructor in the same class");
                }

                hadConstructor = true;
            }
            else if (ElementKey(element) is PrivateIdentifier key && IsPrivateNameConflicted(privateNames.Declared, element, key.Name))
            {
                Raise(key.Start, $"Identifier '#{key.Name}' has already been declared");
            }
        }

        LeaveNesting();
        Strict = oldStrict;
        Next();
        var body = Finish(new ClassBody(new NodeList<Node>(elements)), bodyStart);
        ExitClassBody();
        return context == ClassContext.Expression
            ? Finish(new ClassExpression(id, superClass, body), m)
            : Finish(new ClassDeclaration(id, superClass, body), m);
    }

    private static Node? ElementKey(Node element) => element switch
    {
        MethodDefinition md => md.Key,
        PropertyDefinition pd => pd.Key,
        _ => null,
    };

    private static bool IsPrivateNameConflicted(Dictionary<string, string> declared, Node element, string name)
    {
        declared.TryGetValue(name, out var current);
        var next = "true";
        if (element is MethodDefinition { Kind: MethodDefinitionKind.Get or MethodDefinitionKind.Set } md)
        {
            next = (md.IsStatic ? "s" : "i") + (md.Kind == MethodDefinitionKind.Get ? "get" : "set");
        }

        if ((current == "iget" && next == "iset") || (current == "iset" && next == "iget") ||
            (current == "sget" && next == "sset") || (current == "sset" && next == "sget"))
        {
            declared[name] = "true";
            return false;
        }

        if (current is null)
        {
            declared[name] = next;
            return false;
        }

        return true;
    }

    private bool IsClassElementNameStart() =>
        Type is TokenType.Name or TokenType.PrivateName or TokenType.Number or TokenType.String or TokenType.BigInt or TokenType.BracketL
        || Type.IsKeyword();

    private Node? ParseClassElement(bool constructorAllowsSuper)
    {
        if (Eat(TokenType.Semicolon))
        {
            return null;
        }

        var m = Mark();
        string? keyName = null;
        var isGenerator = false;
        var isAsync = false;
        var kind = MethodDefinitionKind.Method;
        var isStatic = false;

        if (EatContextual("static"))
        {
            if (Type == TokenType.BraceL)
            {
                return ParseClassStaticBlock(m);
            }

            if (IsClassElementNameStart() || Type == TokenType.Star)
            {
                isStatic = true;
            }
            else
            {
                keyName = "static";
            }
        }

        if (keyName is null && EatContextual("async"))
        {
            if ((IsClassElementNameStart() || Type == TokenType.Star) && !CanInsertSemicolon())
            {
                isAsync = true;
            }
            else
            {
                keyName = "async";
            }
        }

        if (keyName is null && Eat(TokenType.Star))
        {
            isGenerator = true;
        }

        if (keyName is null && !isAsync && !isGenerator)
        {
            var lastValue = Type == TokenType.Name ? (string?)_t.Current.Value : null;
            if (EatContextual("get") || EatContextual("set"))
            {
                if (IsClassElementNameStart())
                {
                    kind = lastValue == "get" ? MethodDefinitionKind.Get : MethodDefinitionKind.Set;
                }
                else
                {
                    keyName = lastValue;
                }
            }
        }

        Node key;
        bool computed;
        if (keyName is not null)
        {
            // 'async', 'get', 'set' or 'static' turned out to be the element's name.
            computed = false;
            key = Range(new Identifier(keyName), _t.LastTokStart, _t.LastTokStartLoc, _t.LastTokEnd, _t.LastTokEndLoc);
        }
        else if (Type == TokenType.PrivateName)
        {
            if ((string?)_t.Current.Value == "constructor")
            {
                Raise(_t.Current.Start, "Classes can't have an element named '#constructor'");
            }

            computed = false;
            key = ParsePrivateIdent();
        }
        else
        {
            (key, computed) = ParsePropertyName();
        }

        if (Type == TokenType.ParenL || kind != MethodDefinitionKind.Method || isGenerator || isAsync)
        {
            var isConstructor = !isStatic && IsKeyNamed(key, computed, "constructor");
            var allowsDirectSuper = isConstructor && constructorAllowsSuper;
            if (isConstructor && kind != MethodDefinitionKind.Method)
            {
                Raise(key.Start, "Constructor can't have get/set modifier");
            }

            if (isConstructor)
            {
                kind = MethodDefinitionKind.Constructor;
                if (isGenerator)
                {
                    Raise(key.Start, "Constructor can't be a generator");
                }

                if (isAsync)
                {
                    Raise(key.Start, "Constructor can't be an async method");
                }
            }
            else if (isStatic && IsKeyNamed(key, computed, "prototype"))
            {
                Raise(key.Start, "Classes may not have a static property named prototype");
            }

            var value = ParseMethod(isGenerator, isAsync, allowsDirectSuper);
            if (kind == MethodDefinitionKind.Get || kind == MethodDefinitionKind.Set)
            {
                CheckAccessorParams(kind == MethodDefinitionKind.Get, value);
            }

            return Finish(new MethodDefinition(isStatic, computed, key, kind, value), m);
        }

        if (IsKeyNamed(key, computed, "constructor"))
        {
            Raise(key.Start, "Classes can't have a field named 'constructor'");
        }
        else if (isStatic && IsKeyNamed(key, computed, "prototype"))
        {
            Raise(key.Start, "Classes can't have a static field named 'prototype'");
        }

        Expression? init = null;
        if (Eat(TokenType.Eq))
        {
            EnterScope(ScopeFlags.ClassFieldInit | ScopeFlags.Super);
            init = ParseMaybeAssign();
            ExitScope();
        }

        Semicolon();
        return Finish(new PropertyDefinition(isStatic, computed, key, init), m);
    }

    private static bool IsKeyNamed(Node key, bool computed, string name) =>
        !computed && key switch
        {
            Identifier id => id.Name == name,
            Literal { Value: string s } => s == name,
            _ => false,
        };

    private StaticBlock ParseClassStaticBlock(Marker m)
    {
        Next();
        var oldLabels = _labels;
        _labels = [];
        EnterScope(ScopeFlags.ClassStaticBlock | ScopeFlags.Super);
        var body = new List<Statement>();
        ParseStatementList(body, TokenType.BraceR, false, false);
        Next();
        ExitScope();
        _labels = oldLabels;
        return Finish(new StaticBlock(new NodeList<Statement>(body)), m);
    }
}
