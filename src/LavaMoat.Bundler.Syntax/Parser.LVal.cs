using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    /// <summary>Converts an expression parsed before its role was known into the equivalent pattern.</summary>
    private Node ToAssignable(Node node, bool isBinding, DestructuringErrors? errors = null)
    {
        switch (node)
        {
            case Identifier id:
                if (InAsync && id.Name == "await")
                {
                    Raise(id.Start, "Cannot use 'await' as identifier inside an async function");
                }

                return node;
            case ObjectPattern or ArrayPattern or AssignmentPattern or RestElement:
                return node;
            case ObjectExpression obj:
                {
                    CheckPatternErrors(errors, true);
                    var props = new Node[obj.Properties.Count];
                    for (var i = 0; i < props.Length; i++)
                    {
                        var prop = ToAssignable(obj.Properties[i], isBinding);
                        if (prop is RestElement { Argument: ArrayPattern or ObjectPattern } rest)
                        {
                            Raise(rest.Argument.Start, "Unexpected token");
                        }

                        props[i] = prop;
                    }

                    return SameRange(new ObjectPattern(new NodeList<Node>(props)), obj);
                }

            case Property prop:
                if (prop.Kind != PropertyKind.Init)
                {
                    Raise(prop.Key.Start, "Object pattern can't contain getter or setter");
                }

                return SameRange(new Property(prop.IsMethod, prop.IsShorthand, prop.IsComputed, prop.Key, ToAssignable(prop.Value, isBinding), prop.Kind), prop);
            case ArrayExpression array:
                {
                    CheckPatternErrors(errors, true);
                    var elements = new List<Node?>(array.Elements.Count);
                    foreach (var e in array.Elements)
                    {
                        elements.Add(e);
                    }

                    return SameRange(new ArrayPattern(new NodeList<Node?>(ToAssignableList(elements, isBinding))), array);
                }

            case SpreadElement spread:
                {
                    var argument = ToAssignable(spread.Argument, isBinding);
                    if (argument is AssignmentPattern)
                    {
                        Raise(argument.Start, "Rest elements cannot have a default value");
                    }

                    return SameRange(new RestElement(argument), spread);
                }

            case AssignmentExpression assign:
                if (assign.Operator != AssignmentOperator.Assign)
                {
                    Raise(assign.Left.End, "Only '=' operator can be used for specifying default value.");
                }

                return SameRange(new AssignmentPattern(assign.Left, assign.Right), assign);
            case ChainExpression:
                Raise(node.Start, "Optional chaining cannot appear in left-hand side");
                return node;
            case MemberExpression when !isBinding:
                return node;
            default:
                Raise(node.Start, "Assigning to rvalue");
                return node;
        }
    }

    private List<Node?> ToAssignableList(List<Node?> list, bool isBinding)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } element)
            {
                list[i] = ToAssignable(element, isBinding);
            }
        }

        return list;
    }

    private static bool IsStrictBindReserved(string name) => name is "eval" or "arguments" || IsStrictReserved(name);

    private void CheckLValSimple(Node expr, BindingKind binding = BindingKind.None, HashSet<string>? clashes = null)
    {
        var isBind = binding != BindingKind.None;
        switch (expr)
        {
            case Identifier id:
                if (Strict && IsStrictBindReserved(id.Name))
                {
                    Raise(id.Start, (isBind ? "Binding " : "Assigning to ") + id.Name + " in strict mode");
                }

                if (isBind)
                {
                    if (binding == BindingKind.Lexical && id.Name == "let")
                    {
                        Raise(id.Start, "let is disallowed as a lexically bound name");
                    }

                    if (clashes is not null && !clashes.Add(id.Name))
                    {
                        Raise(id.Start, "Argument name clash");
                    }

                    if (binding != BindingKind.Outside)
                    {
                        DeclareName(id.Name, binding, id.Start);
                    }
                }

                break;
            case ChainExpression:
                Raise(expr.Start, "Optional chaining cannot appear in left-hand side");
                break;
            case MemberExpression:
                if (isBind)
                {
                    Raise(expr.Start, "Binding member expression");
                }

                break;
            default:
                Raise(expr.Start, (isBind ? "Binding" : "Assigning to") + " rvalue");
                break;
        }
    }

    private void CheckLValPattern(Node expr, BindingKind binding = BindingKind.None, HashSet<string>? clashes = null)
    {
        switch (expr)
        {
            case ObjectPattern obj:
                foreach (var prop in obj.Properties)
                {
                    CheckLValInnerPattern(prop, binding, clashes);
                }

                break;
            case ArrayPattern array:
                foreach (var element in array.Elements)
                {
                    if (element is not null)
                    {
                        CheckLValInnerPattern(element, binding, clashes);
                    }
                }

                break;
            default:
                CheckLValSimple(expr, binding, clashes);
                break;
        }
    }

    private void CheckLValInnerPattern(Node expr, BindingKind binding, HashSet<string>? clashes)
    {
        switch (expr)
        {
            case Property prop:
                CheckLValInnerPattern(prop.Value, binding, clashes);
                break;
            case AssignmentPattern assign:
                CheckLValPattern(assign.Left, binding, clashes);
                break;
            case RestElement rest:
                CheckLValPattern(rest.Argument, binding, clashes);
                break;
            default:
                CheckLValPattern(expr, binding, clashes);
                break;
        }
    }

    private Node ParseBindingAtom()
    {
        if (Type == TokenType.BracketL)
        {
            var m = Mark();
            EnterNesting();
            Next();
            var elements = ParseBindingList(TokenType.BracketR, true, true);
            LeaveNesting();
            return Finish(new ArrayPattern(new NodeList<Node?>(elements)), m);
        }

        if (Type == TokenType.BraceL)
        {
            return ParseObj(true, null);
        }

        return ParseIdent(false);
    }

    private List<Node?> ParseBindingList(TokenType close, bool allowEmpty, bool allowTrailingComma)
    {
        var elements = new List<Node?>();
        var first = true;
        while (!Eat(close))
        {
            if (first)
            {
                first = false;
            }
            else
            {
                Expect(TokenType.Comma);
            }

            if (allowEmpty && Type == TokenType.Comma)
            {
                elements.Add(null);
            }
            else if (allowTrailingComma && AfterTrailingComma(close))
            {
                break;
            }
            else if (Type == TokenType.Ellipsis)
            {
                elements.Add(ParseRestBinding());
                if (Type == TokenType.Comma)
                {
                    Raise(_t.Current.Start, "Comma is not permitted after the rest element");
                }

                Expect(close);
                break;
            }
            else
            {
                elements.Add(ParseMaybeDefault(Mark(), null));
            }
        }

        return elements;
    }

    private RestElement ParseRestBinding()
    {
        var m = Mark();
        Next();
        var argument = ParseBindingAtom();
        return Finish(new RestElement(argument), m);
    }

    private Node ParseMaybeDefault(Marker m, Node? left)
    {
        left ??= ParseBindingAtom();
        if (!Eat(TokenType.Eq))
        {
            return left;
        }

        var right = ParseMaybeAssign();
        return Finish(new AssignmentPattern(left, right), m);
    }

    private static bool IsSimpleParamList(List<Node?> parameters)
    {
        foreach (var p in parameters)
        {
            if (p is not Identifier)
            {
                return false;
            }
        }

        return true;
    }

    private void CheckParams(List<Node?> parameters, bool allowDuplicates)
    {
        var clashes = allowDuplicates ? null : new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            CheckLValInnerPattern(p!, BindingKind.Var, clashes);
        }
    }
}
