using System.Globalization;
using System.Text;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

/// <summary>
/// Writes a tree as the JSON that <c>JSON.stringify</c> gives for acorn's tree of the same source
/// (<c>locations: true</c>): the same node types, property names and values. Two conventions where acorn's
/// objects have no JSON form: a RegExp or BigInt literal's <c>value</c> is written as null (its
/// <c>regex</c> / <c>bigint</c> property carries the value).
/// </summary>
/// <remarks>
/// By default a node's keys come in a readable order (type, start, end, loc, then the node's own properties),
/// which is not always acorn's (acorn's order depends on the parse path). With <c>sortKeys</c> every object's
/// keys are in ordinal order instead: a canonical text that is byte-for-byte comparable with acorn's tree
/// written the same way (tests/js/acorn-dump.mjs), so two trees compare by hash.
/// </remarks>
public sealed class EstreeJsonWriter
{
    private static readonly Comparison<Field> ByName = (a, b) => string.CompareOrdinal(a.Name, b.Name);

    private readonly JsonText _json;
    private readonly bool _sortKeys;

    // One field list per nesting depth, reused across nodes so describing a node does not allocate a list.
    private readonly List<List<Field>> _fieldLists = [];
    private int _depth;

    private EstreeJsonWriter(StringBuilder output, bool sortKeys)
    {
        _json = new JsonText(output);
        _sortKeys = sortKeys;
    }

    public static string Write(Node node) => Write(node, sortKeys: false);

    /// <summary>The tree as JSON; with <paramref name="sortKeys"/>, every object's keys in ordinal order.</summary>
    public static string Write(Node node, bool sortKeys)
    {
        var output = new StringBuilder();
        new EstreeJsonWriter(output, sortKeys).WriteNodeValue(node);
        return output.ToString();
    }

    public static void Write(Node node, StringBuilder output) => Write(node, output, sortKeys: false);

    /// <summary>Appends the tree as JSON; with <paramref name="sortKeys"/>, every object's keys in ordinal order.</summary>
    public static void Write(Node node, StringBuilder output, bool sortKeys) => new EstreeJsonWriter(output, sortKeys).WriteNodeValue(node);

    private enum FieldKind
    {
        Node,
        List,
        String,
        Boolean,
        Integer,
        RawJson,
        Location,
        Regex,
        Template,
    }

    /// <summary>One property of a node, described before it is written so the keys can be put in order.</summary>
    private readonly struct Field
    {
        private Field(string name, FieldKind kind, object? value, int number)
        {
            Name = name;
            Kind = kind;
            Value = value;
            Number = number;
        }

        public string Name { get; }

        public FieldKind Kind { get; }

        public object? Value { get; }

        public int Number { get; }

        public static Field Node(string name, Node? node) => new(name, FieldKind.Node, node, 0);

        // The boxed NodeList<T> is read back as IReadOnlyList<Node?> (covariant for reference-type T).
        public static Field List<T>(string name, NodeList<T> list)
            where T : Node? => new(name, FieldKind.List, list, 0);

        public static Field String(string name, string value) => new(name, FieldKind.String, value, 0);

        public static Field Boolean(string name, bool value) => new(name, FieldKind.Boolean, null, value ? 1 : 0);

        public static Field Integer(string name, int value) => new(name, FieldKind.Integer, null, value);

        public static Field RawJson(string name, string json) => new(name, FieldKind.RawJson, json, 0);

        public static Field Location(Node node) => new("loc", FieldKind.Location, node, 0);

        public static Field Regex(RegExpValue regex) => new("regex", FieldKind.Regex, regex, 0);

        public static Field Template(string name, TemplateValue value) => new(name, FieldKind.Template, value, 0);
    }

    private void WriteNodeValue(Node? node)
    {
        if (node is null)
        {
            _json.WriteRawValue("null");
            return;
        }

        StackGuard.Ensure(node);
        if (_depth == _fieldLists.Count)
        {
            _fieldLists.Add([]);
        }

        var fields = _fieldLists[_depth];
        fields.Clear();
        fields.Add(Field.String("type", node.Type.ToString()));
        fields.Add(Field.Integer("start", node.Start));
        fields.Add(Field.Integer("end", node.End));
        fields.Add(Field.Location(node));
        Describe(node, fields);
        if (_sortKeys)
        {
            fields.Sort(ByName);
        }

        _depth++;
        _json.BeginObject();
        foreach (var field in fields)
        {
            WriteField(field);
        }

        _json.EndObject();
        _depth--;
    }

    private void WriteField(Field field)
    {
        _json.WriteName(field.Name);
        switch (field.Kind)
        {
            case FieldKind.Node:
                WriteNodeValue((Node?)field.Value);
                break;
            case FieldKind.List:
                var list = (IReadOnlyList<Node?>)field.Value!;
                _json.BeginArray();
                for (var i = 0; i < list.Count; i++)
                {
                    _json.BeginItem();
                    WriteNodeValue(list[i]);
                }

                _json.EndArray();
                break;
            case FieldKind.String:
                _json.WriteStringValue((string)field.Value!);
                break;
            case FieldKind.Boolean:
                _json.WriteRawValue(field.Number != 0 ? "true" : "false");
                break;
            case FieldKind.Integer:
                _json.WriteRawValue(field.Number.ToString(CultureInfo.InvariantCulture));
                break;
            case FieldKind.RawJson:
                _json.WriteRawValue((string)field.Value!);
                break;
            case FieldKind.Location:
                WriteLocationValue(((Node)field.Value!).Location);
                break;
            case FieldKind.Regex:
                var regex = (RegExpValue)field.Value!;
                _json.BeginObject();
                WritePairs("pattern", regex.Pattern, "flags", regex.Flags);
                _json.EndObject();
                break;
            case FieldKind.Template:
                var template = (TemplateValue)field.Value!;
                _json.BeginObject();
                WritePairs("raw", template.Raw, "cooked", template.Cooked);
                _json.EndObject();
                break;
            default:
                throw new InvalidOperationException($"Unknown field kind {field.Kind}.");
        }
    }

    // Two string-or-null properties, given in readable order; swapped when sorting asks for it.
    private void WritePairs(string firstName, string? first, string secondName, string? second)
    {
        if (_sortKeys && string.CompareOrdinal(firstName, secondName) > 0)
        {
            (firstName, first, secondName, second) = (secondName, second, firstName, first);
        }

        WriteStringOrNull(firstName, first);
        WriteStringOrNull(secondName, second);
    }

    private void WriteStringOrNull(string name, string? value)
    {
        _json.WriteName(name);
        if (value is null)
        {
            _json.WriteRawValue("null");
        }
        else
        {
            _json.WriteStringValue(value);
        }
    }

    private void WriteLocationValue(SourceLocation location)
    {
        _json.BeginObject();
        if (_sortKeys)
        {
            WritePosition("end", location.End);
            WritePosition("start", location.Start);
        }
        else
        {
            WritePosition("start", location.Start);
            WritePosition("end", location.End);
        }

        _json.EndObject();
    }

    private void WritePosition(string name, Position position)
    {
        _json.WriteName(name);
        _json.BeginObject();
        if (_sortKeys)
        {
            _json.WriteNumber("column", position.Column);
            _json.WriteNumber("line", position.Line);
        }
        else
        {
            _json.WriteNumber("line", position.Line);
            _json.WriteNumber("column", position.Column);
        }

        _json.EndObject();
    }

    private static void DescribeLiteral(Literal literal, List<Field> f)
    {
        f.Add(literal.Value switch
        {
            string s => Field.String("value", s),
            double d => Field.RawJson("value", double.IsFinite(d) ? JsNumber.ToJsString(d) : "null"),
            bool b => Field.Boolean("value", b),
            _ => Field.RawJson("value", "null"),
        });
        f.Add(Field.String("raw", literal.Raw));
        if (literal.Regex is { } regex)
        {
            f.Add(Field.Regex(regex));
        }

        if (literal.BigIntDigits is { } digits)
        {
            f.Add(Field.String("bigint", digits));
        }
    }

    private static void Describe(Node node, List<Field> f)
    {
        switch (node)
        {
            case Program n:
                f.Add(Field.List("body", n.Body));
                f.Add(Field.String("sourceType", n.SourceType.ToEstreeString()));
                break;
            case EmptyStatement n:
                break;
            case BlockStatement n:
                f.Add(Field.List("body", n.Body));
                break;
            case ExpressionStatement n:
                f.Add(Field.Node("expression", n.Expression));
                if (n.Directive is not null)
                {
                    f.Add(Field.String("directive", n.Directive));
                }
                break;
            case IfStatement n:
                f.Add(Field.Node("test", n.Test));
                f.Add(Field.Node("consequent", n.Consequent));
                f.Add(Field.Node("alternate", n.Alternate));
                break;
            case LabeledStatement n:
                f.Add(Field.Node("body", n.Body));
                f.Add(Field.Node("label", n.Label));
                break;
            case BreakStatement n:
                f.Add(Field.Node("label", n.Label));
                break;
            case ContinueStatement n:
                f.Add(Field.Node("label", n.Label));
                break;
            case WithStatement n:
                f.Add(Field.Node("object", n.Object));
                f.Add(Field.Node("body", n.Body));
                break;
            case SwitchStatement n:
                f.Add(Field.Node("discriminant", n.Discriminant));
                f.Add(Field.List("cases", n.Cases));
                break;
            case SwitchCase n:
                f.Add(Field.List("consequent", n.Consequent));
                f.Add(Field.Node("test", n.Test));
                break;
            case ReturnStatement n:
                f.Add(Field.Node("argument", n.Argument));
                break;
            case ThrowStatement n:
                f.Add(Field.Node("argument", n.Argument));
                break;
            case TryStatement n:
                f.Add(Field.Node("block", n.Block));
                f.Add(Field.Node("handler", n.Handler));
                f.Add(Field.Node("finalizer", n.Finalizer));
                break;
            case CatchClause n:
                f.Add(Field.Node("param", n.Param));
                f.Add(Field.Node("body", n.Body));
                break;
            case WhileStatement n:
                f.Add(Field.Node("test", n.Test));
                f.Add(Field.Node("body", n.Body));
                break;
            case DoWhileStatement n:
                f.Add(Field.Node("body", n.Body));
                f.Add(Field.Node("test", n.Test));
                break;
            case ForStatement n:
                f.Add(Field.Node("init", n.Init));
                f.Add(Field.Node("test", n.Test));
                f.Add(Field.Node("update", n.Update));
                f.Add(Field.Node("body", n.Body));
                break;
            case ForInStatement n:
                f.Add(Field.Node("left", n.Left));
                f.Add(Field.Node("right", n.Right));
                f.Add(Field.Node("body", n.Body));
                break;
            case ForOfStatement n:
                f.Add(Field.Boolean("await", n.IsAwait));
                f.Add(Field.Node("left", n.Left));
                f.Add(Field.Node("right", n.Right));
                f.Add(Field.Node("body", n.Body));
                break;
            case DebuggerStatement n:
                break;
            case FunctionDeclaration n:
                f.Add(Field.Node("id", n.Id));
                f.Add(Field.Boolean("expression", n.IsExpression));
                f.Add(Field.Boolean("generator", n.IsGenerator));
                f.Add(Field.Boolean("async", n.IsAsync));
                f.Add(Field.List("params", n.Params));
                f.Add(Field.Node("body", n.Body));
                break;
            case VariableDeclaration n:
                f.Add(Field.List("declarations", n.Declarations));
                f.Add(Field.String("kind", n.Kind.ToEstreeString()));
                break;
            case VariableDeclarator n:
                f.Add(Field.Node("id", n.Id));
                f.Add(Field.Node("init", n.Init));
                break;
            case ClassDeclaration n:
                f.Add(Field.Node("id", n.Id));
                f.Add(Field.Node("superClass", n.SuperClass));
                f.Add(Field.Node("body", n.Body));
                break;
            case ClassBody n:
                f.Add(Field.List("body", n.Body));
                break;
            case MethodDefinition n:
                f.Add(Field.Boolean("static", n.IsStatic));
                f.Add(Field.Boolean("computed", n.IsComputed));
                f.Add(Field.Node("key", n.Key));
                f.Add(Field.String("kind", n.Kind.ToEstreeString()));
                f.Add(Field.Node("value", n.Value));
                break;
            case PropertyDefinition n:
                f.Add(Field.Boolean("static", n.IsStatic));
                f.Add(Field.Boolean("computed", n.IsComputed));
                f.Add(Field.Node("key", n.Key));
                f.Add(Field.Node("value", n.Value));
                break;
            case StaticBlock n:
                f.Add(Field.List("body", n.Body));
                break;
            case ImportDeclaration n:
                f.Add(Field.List("specifiers", n.Specifiers));
                f.Add(Field.Node("source", n.Source));
                f.Add(Field.List("attributes", n.Attributes));
                break;
            case ImportSpecifier n:
                f.Add(Field.Node("imported", n.Imported));
                f.Add(Field.Node("local", n.Local));
                break;
            case ImportDefaultSpecifier n:
                f.Add(Field.Node("local", n.Local));
                break;
            case ImportNamespaceSpecifier n:
                f.Add(Field.Node("local", n.Local));
                break;
            case ImportAttribute n:
                f.Add(Field.Node("key", n.Key));
                f.Add(Field.Node("value", n.Value));
                break;
            case ExportNamedDeclaration n:
                f.Add(Field.Node("declaration", n.Declaration));
                f.Add(Field.List("specifiers", n.Specifiers));
                f.Add(Field.Node("source", n.Source));
                f.Add(Field.List("attributes", n.Attributes));
                break;
            case ExportSpecifier n:
                f.Add(Field.Node("local", n.Local));
                f.Add(Field.Node("exported", n.Exported));
                break;
            case ExportDefaultDeclaration n:
                f.Add(Field.Node("declaration", n.Declaration));
                break;
            case ExportAllDeclaration n:
                f.Add(Field.Node("exported", n.Exported));
                f.Add(Field.Node("source", n.Source));
                f.Add(Field.List("attributes", n.Attributes));
                break;
            case Identifier n:
                f.Add(Field.String("name", n.Name));
                break;
            case PrivateIdentifier n:
                f.Add(Field.String("name", n.Name));
                break;
            case Literal n:
                DescribeLiteral(n, f);
                break;
            case ThisExpression n:
                break;
            case Super n:
                break;
            case ArrayExpression n:
                f.Add(Field.List("elements", n.Elements));
                break;
            case ObjectExpression n:
                f.Add(Field.List("properties", n.Properties));
                break;
            case Property n:
                f.Add(Field.Boolean("method", n.IsMethod));
                f.Add(Field.Boolean("shorthand", n.IsShorthand));
                f.Add(Field.Boolean("computed", n.IsComputed));
                f.Add(Field.Node("key", n.Key));
                f.Add(Field.Node("value", n.Value));
                f.Add(Field.String("kind", n.Kind.ToEstreeString()));
                break;
            case FunctionExpression n:
                f.Add(Field.Node("id", n.Id));
                f.Add(Field.Boolean("expression", n.IsExpression));
                f.Add(Field.Boolean("generator", n.IsGenerator));
                f.Add(Field.Boolean("async", n.IsAsync));
                f.Add(Field.List("params", n.Params));
                f.Add(Field.Node("body", n.Body));
                break;
            case ArrowFunctionExpression n:
                f.Add(Field.Node("id", n.Id));
                f.Add(Field.Boolean("expression", n.IsExpression));
                f.Add(Field.Boolean("generator", n.IsGenerator));
                f.Add(Field.Boolean("async", n.IsAsync));
                f.Add(Field.List("params", n.Params));
                f.Add(Field.Node("body", n.Body));
                break;
            case ClassExpression n:
                f.Add(Field.Node("id", n.Id));
                f.Add(Field.Node("superClass", n.SuperClass));
                f.Add(Field.Node("body", n.Body));
                break;
            case TemplateLiteral n:
                f.Add(Field.List("expressions", n.Expressions));
                f.Add(Field.List("quasis", n.Quasis));
                break;
            case TemplateElement n:
                f.Add(Field.Template("value", n.Value));
                f.Add(Field.Boolean("tail", n.IsTail));
                break;
            case TaggedTemplateExpression n:
                f.Add(Field.Node("tag", n.Tag));
                f.Add(Field.Node("quasi", n.Quasi));
                break;
            case UnaryExpression n:
                f.Add(Field.String("operator", n.Operator.ToEstreeString()));
                f.Add(Field.Boolean("prefix", n.IsPrefix));
                f.Add(Field.Node("argument", n.Argument));
                break;
            case UpdateExpression n:
                f.Add(Field.String("operator", n.Operator.ToEstreeString()));
                f.Add(Field.Boolean("prefix", n.IsPrefix));
                f.Add(Field.Node("argument", n.Argument));
                break;
            case BinaryExpression n:
                f.Add(Field.Node("left", n.Left));
                f.Add(Field.String("operator", n.Operator.ToEstreeString()));
                f.Add(Field.Node("right", n.Right));
                break;
            case LogicalExpression n:
                f.Add(Field.Node("left", n.Left));
                f.Add(Field.String("operator", n.Operator.ToEstreeString()));
                f.Add(Field.Node("right", n.Right));
                break;
            case AssignmentExpression n:
                f.Add(Field.String("operator", n.Operator.ToEstreeString()));
                f.Add(Field.Node("left", n.Left));
                f.Add(Field.Node("right", n.Right));
                break;
            case ConditionalExpression n:
                f.Add(Field.Node("test", n.Test));
                f.Add(Field.Node("consequent", n.Consequent));
                f.Add(Field.Node("alternate", n.Alternate));
                break;
            case CallExpression n:
                f.Add(Field.Node("callee", n.Callee));
                f.Add(Field.List("arguments", n.Arguments));
                f.Add(Field.Boolean("optional", n.IsOptional));
                break;
            case NewExpression n:
                f.Add(Field.Node("callee", n.Callee));
                f.Add(Field.List("arguments", n.Arguments));
                break;
            case MemberExpression n:
                f.Add(Field.Node("object", n.Object));
                f.Add(Field.Node("property", n.Property));
                f.Add(Field.Boolean("computed", n.IsComputed));
                f.Add(Field.Boolean("optional", n.IsOptional));
                break;
            case ChainExpression n:
                f.Add(Field.Node("expression", n.Expression));
                break;
            case SequenceExpression n:
                f.Add(Field.List("expressions", n.Expressions));
                break;
            case YieldExpression n:
                f.Add(Field.Boolean("delegate", n.IsDelegate));
                f.Add(Field.Node("argument", n.Argument));
                break;
            case AwaitExpression n:
                f.Add(Field.Node("argument", n.Argument));
                break;
            case MetaProperty n:
                f.Add(Field.Node("meta", n.Meta));
                f.Add(Field.Node("property", n.Property));
                break;
            case ImportExpression n:
                f.Add(Field.Node("source", n.Source));
                f.Add(Field.Node("options", n.Options));
                break;
            case SpreadElement n:
                f.Add(Field.Node("argument", n.Argument));
                break;
            case ObjectPattern n:
                f.Add(Field.List("properties", n.Properties));
                break;
            case ArrayPattern n:
                f.Add(Field.List("elements", n.Elements));
                break;
            case RestElement n:
                f.Add(Field.Node("argument", n.Argument));
                break;
            case AssignmentPattern n:
                f.Add(Field.Node("left", n.Left));
                f.Add(Field.Node("right", n.Right));
                break;
            default:
                throw new InvalidOperationException($"No JSON shape for {node.Type}.");
        }
    }

    /// <summary>Minimal JSON text output with JSON.stringify's string escaping (lone surrogates as \udxxx).</summary>
    private sealed class JsonText(StringBuilder output)
    {
        private bool _needComma;

        public void BeginObject()
        {
            output.Append('{');
            _needComma = false;
        }

        public void EndObject()
        {
            output.Append('}');
            _needComma = true;
        }

        public void BeginArray()
        {
            output.Append('[');
            _needComma = false;
        }

        public void EndArray()
        {
            output.Append(']');
            _needComma = true;
        }

        public void BeginItem()
        {
            if (_needComma)
            {
                output.Append(',');
            }

            _needComma = false;
        }

        public void WriteName(string name)
        {
            if (_needComma)
            {
                output.Append(',');
            }

            output.Append('"').Append(name).Append("\":");
            _needComma = false;
        }

        public void WriteNumber(string name, int value)
        {
            WriteName(name);
            WriteRawValue(value.ToString(CultureInfo.InvariantCulture));
        }

        public void WriteBoolean(string name, bool value)
        {
            WriteName(name);
            WriteRawValue(value ? "true" : "false");
        }

        public void WriteRawValue(string text)
        {
            output.Append(text);
            _needComma = true;
        }

        public void WriteStringValue(string value)
        {
            output.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': output.Append("\\\""); break;
                    case '\\': output.Append("\\\\"); break;
                    case '\b': output.Append("\\b"); break;
                    case '\f': output.Append("\\f"); break;
                    case '\n': output.Append("\\n"); break;
                    case '\r': output.Append("\\r"); break;
                    case '\t': output.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            AppendUnicodeEscape(c);
                        }
                        else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            output.Append(c).Append(value[i + 1]);
                            i++;
                        }
                        else if (char.IsSurrogate(c))
                        {
                            AppendUnicodeEscape(c); // well-formed JSON.stringify: a lone surrogate is escaped
                        }
                        else
                        {
                            output.Append(c);
                        }

                        break;
                }
            }

            output.Append('"');
            _needComma = true;
        }

        private void AppendUnicodeEscape(char c) =>
            output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }
}
