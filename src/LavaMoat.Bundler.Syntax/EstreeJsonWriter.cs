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
public sealed class EstreeJsonWriter
{
    private readonly JsonText _json;

    private EstreeJsonWriter(StringBuilder output) => _json = new JsonText(output);

    public static string Write(Node node)
    {
        var output = new StringBuilder();
        new EstreeJsonWriter(output).WriteNodeValue(node);
        return output.ToString();
    }

    public static void Write(Node node, StringBuilder output) => new EstreeJsonWriter(output).WriteNodeValue(node);

    private void WriteNode(string name, Node? node)
    {
        _json.WriteName(name);
        WriteNodeValue(node);
    }

    private void WriteList<T>(string name, NodeList<T> list)
        where T : Node?
    {
        _json.WriteName(name);
        _json.BeginArray();
        foreach (var item in list)
        {
            _json.BeginItem();
            WriteNodeValue(item);
        }

        _json.EndArray();
    }

    private void WriteString(string name, string value)
    {
        _json.WriteName(name);
        _json.WriteStringValue(value);
    }

    private void WriteLocation(SourceLocation location)
    {
        _json.WriteName("loc");
        _json.BeginObject();
        WritePosition("start", location.Start);
        WritePosition("end", location.End);
        _json.EndObject();
    }

    private void WritePosition(string name, Position position)
    {
        _json.WriteName(name);
        _json.BeginObject();
        _json.WriteNumber("line", position.Line);
        _json.WriteNumber("column", position.Column);
        _json.EndObject();
    }

    private void WriteLiteral(Literal literal)
    {
        _json.WriteName("value");
        switch (literal.Value)
        {
            case string s:
                _json.WriteStringValue(s);
                break;
            case double d:
                _json.WriteRawValue(double.IsFinite(d) ? JsNumber.ToJsString(d) : "null");
                break;
            case bool b:
                _json.WriteRawValue(b ? "true" : "false");
                break;
            default:
                _json.WriteRawValue("null");
                break;
        }

        WriteString("raw", literal.Raw);
        if (literal.Regex is { } regex)
        {
            _json.WriteName("regex");
            _json.BeginObject();
            WriteString("pattern", regex.Pattern);
            WriteString("flags", regex.Flags);
            _json.EndObject();
        }

        if (literal.BigIntDigits is { } digits)
        {
            WriteString("bigint", digits);
        }
    }

    private void WriteTemplateValue(TemplateValue value)
    {
        _json.WriteName("value");
        _json.BeginObject();
        WriteString("raw", value.Raw);
        _json.WriteName("cooked");
        if (value.Cooked is null)
        {
            _json.WriteRawValue("null");
        }
        else
        {
            _json.WriteStringValue(value.Cooked);
        }

        _json.EndObject();
    }

    private void WriteNodeValue(Node? node)
    {
        if (node is null)
        {
            _json.WriteRawValue("null");
            return;
        }

        StackGuard.Ensure(node);
        _json.BeginObject();
        WriteString("type", node.Type.ToString());
        _json.WriteNumber("start", node.Start);
        _json.WriteNumber("end", node.End);
        WriteLocation(node.Location);
        switch (node)
        {
            case Program n:
                WriteList("body", n.Body);
                WriteString("sourceType", n.SourceType.ToEstreeString());
                break;
            case EmptyStatement n:
                break;
            case BlockStatement n:
                WriteList("body", n.Body);
                break;
            case ExpressionStatement n:
                WriteNode("expression", n.Expression);
                if (n.Directive is not null)
                {
                    WriteString("directive", n.Directive);
                }
                break;
            case IfStatement n:
                WriteNode("test", n.Test);
                WriteNode("consequent", n.Consequent);
                WriteNode("alternate", n.Alternate);
                break;
            case LabeledStatement n:
                WriteNode("body", n.Body);
                WriteNode("label", n.Label);
                break;
            case BreakStatement n:
                WriteNode("label", n.Label);
                break;
            case ContinueStatement n:
                WriteNode("label", n.Label);
                break;
            case WithStatement n:
                WriteNode("object", n.Object);
                WriteNode("body", n.Body);
                break;
            case SwitchStatement n:
                WriteNode("discriminant", n.Discriminant);
                WriteList("cases", n.Cases);
                break;
            case SwitchCase n:
                WriteList("consequent", n.Consequent);
                WriteNode("test", n.Test);
                break;
            case ReturnStatement n:
                WriteNode("argument", n.Argument);
                break;
            case ThrowStatement n:
                WriteNode("argument", n.Argument);
                break;
            case TryStatement n:
                WriteNode("block", n.Block);
                WriteNode("handler", n.Handler);
                WriteNode("finalizer", n.Finalizer);
                break;
            case CatchClause n:
                WriteNode("param", n.Param);
                WriteNode("body", n.Body);
                break;
            case WhileStatement n:
                WriteNode("test", n.Test);
                WriteNode("body", n.Body);
                break;
            case DoWhileStatement n:
                WriteNode("body", n.Body);
                WriteNode("test", n.Test);
                break;
            case ForStatement n:
                WriteNode("init", n.Init);
                WriteNode("test", n.Test);
                WriteNode("update", n.Update);
                WriteNode("body", n.Body);
                break;
            case ForInStatement n:
                WriteNode("left", n.Left);
                WriteNode("right", n.Right);
                WriteNode("body", n.Body);
                break;
            case ForOfStatement n:
                _json.WriteBoolean("await", n.IsAwait);
                WriteNode("left", n.Left);
                WriteNode("right", n.Right);
                WriteNode("body", n.Body);
                break;
            case DebuggerStatement n:
                break;
            case FunctionDeclaration n:
                WriteNode("id", n.Id);
                _json.WriteBoolean("expression", n.IsExpression);
                _json.WriteBoolean("generator", n.IsGenerator);
                _json.WriteBoolean("async", n.IsAsync);
                WriteList("params", n.Params);
                WriteNode("body", n.Body);
                break;
            case VariableDeclaration n:
                WriteList("declarations", n.Declarations);
                WriteString("kind", n.Kind.ToEstreeString());
                break;
            case VariableDeclarator n:
                WriteNode("id", n.Id);
                WriteNode("init", n.Init);
                break;
            case ClassDeclaration n:
                WriteNode("id", n.Id);
                WriteNode("superClass", n.SuperClass);
                WriteNode("body", n.Body);
                break;
            case ClassBody n:
                WriteList("body", n.Body);
                break;
            case MethodDefinition n:
                _json.WriteBoolean("static", n.IsStatic);
                _json.WriteBoolean("computed", n.IsComputed);
                WriteNode("key", n.Key);
                WriteString("kind", n.Kind.ToEstreeString());
                WriteNode("value", n.Value);
                break;
            case PropertyDefinition n:
                _json.WriteBoolean("static", n.IsStatic);
                _json.WriteBoolean("computed", n.IsComputed);
                WriteNode("key", n.Key);
                WriteNode("value", n.Value);
                break;
            case StaticBlock n:
                WriteList("body", n.Body);
                break;
            case ImportDeclaration n:
                WriteList("specifiers", n.Specifiers);
                WriteNode("source", n.Source);
                WriteList("attributes", n.Attributes);
                break;
            case ImportSpecifier n:
                WriteNode("imported", n.Imported);
                WriteNode("local", n.Local);
                break;
            case ImportDefaultSpecifier n:
                WriteNode("local", n.Local);
                break;
            case ImportNamespaceSpecifier n:
                WriteNode("local", n.Local);
                break;
            case ImportAttribute n:
                WriteNode("key", n.Key);
                WriteNode("value", n.Value);
                break;
            case ExportNamedDeclaration n:
                WriteNode("declaration", n.Declaration);
                WriteList("specifiers", n.Specifiers);
                WriteNode("source", n.Source);
                WriteList("attributes", n.Attributes);
                break;
            case ExportSpecifier n:
                WriteNode("local", n.Local);
                WriteNode("exported", n.Exported);
                break;
            case ExportDefaultDeclaration n:
                WriteNode("declaration", n.Declaration);
                break;
            case ExportAllDeclaration n:
                WriteNode("exported", n.Exported);
                WriteNode("source", n.Source);
                WriteList("attributes", n.Attributes);
                break;
            case Identifier n:
                WriteString("name", n.Name);
                break;
            case PrivateIdentifier n:
                WriteString("name", n.Name);
                break;
            case Literal n:
                WriteLiteral(n);
                break;
            case ThisExpression n:
                break;
            case Super n:
                break;
            case ArrayExpression n:
                WriteList("elements", n.Elements);
                break;
            case ObjectExpression n:
                WriteList("properties", n.Properties);
                break;
            case Property n:
                _json.WriteBoolean("method", n.IsMethod);
                _json.WriteBoolean("shorthand", n.IsShorthand);
                _json.WriteBoolean("computed", n.IsComputed);
                WriteNode("key", n.Key);
                WriteNode("value", n.Value);
                WriteString("kind", n.Kind.ToEstreeString());
                break;
            case FunctionExpression n:
                WriteNode("id", n.Id);
                _json.WriteBoolean("expression", n.IsExpression);
                _json.WriteBoolean("generator", n.IsGenerator);
                _json.WriteBoolean("async", n.IsAsync);
                WriteList("params", n.Params);
                WriteNode("body", n.Body);
                break;
            case ArrowFunctionExpression n:
                WriteNode("id", n.Id);
                _json.WriteBoolean("expression", n.IsExpression);
                _json.WriteBoolean("generator", n.IsGenerator);
                _json.WriteBoolean("async", n.IsAsync);
                WriteList("params", n.Params);
                WriteNode("body", n.Body);
                break;
            case ClassExpression n:
                WriteNode("id", n.Id);
                WriteNode("superClass", n.SuperClass);
                WriteNode("body", n.Body);
                break;
            case TemplateLiteral n:
                WriteList("expressions", n.Expressions);
                WriteList("quasis", n.Quasis);
                break;
            case TemplateElement n:
                WriteTemplateValue(n.Value);
                _json.WriteBoolean("tail", n.IsTail);
                break;
            case TaggedTemplateExpression n:
                WriteNode("tag", n.Tag);
                WriteNode("quasi", n.Quasi);
                break;
            case UnaryExpression n:
                WriteString("operator", n.Operator.ToEstreeString());
                _json.WriteBoolean("prefix", n.IsPrefix);
                WriteNode("argument", n.Argument);
                break;
            case UpdateExpression n:
                WriteString("operator", n.Operator.ToEstreeString());
                _json.WriteBoolean("prefix", n.IsPrefix);
                WriteNode("argument", n.Argument);
                break;
            case BinaryExpression n:
                WriteNode("left", n.Left);
                WriteString("operator", n.Operator.ToEstreeString());
                WriteNode("right", n.Right);
                break;
            case LogicalExpression n:
                WriteNode("left", n.Left);
                WriteString("operator", n.Operator.ToEstreeString());
                WriteNode("right", n.Right);
                break;
            case AssignmentExpression n:
                WriteString("operator", n.Operator.ToEstreeString());
                WriteNode("left", n.Left);
                WriteNode("right", n.Right);
                break;
            case ConditionalExpression n:
                WriteNode("test", n.Test);
                WriteNode("consequent", n.Consequent);
                WriteNode("alternate", n.Alternate);
                break;
            case CallExpression n:
                WriteNode("callee", n.Callee);
                WriteList("arguments", n.Arguments);
                _json.WriteBoolean("optional", n.IsOptional);
                break;
            case NewExpression n:
                WriteNode("callee", n.Callee);
                WriteList("arguments", n.Arguments);
                break;
            case MemberExpression n:
                WriteNode("object", n.Object);
                WriteNode("property", n.Property);
                _json.WriteBoolean("computed", n.IsComputed);
                _json.WriteBoolean("optional", n.IsOptional);
                break;
            case ChainExpression n:
                WriteNode("expression", n.Expression);
                break;
            case SequenceExpression n:
                WriteList("expressions", n.Expressions);
                break;
            case YieldExpression n:
                _json.WriteBoolean("delegate", n.IsDelegate);
                WriteNode("argument", n.Argument);
                break;
            case AwaitExpression n:
                WriteNode("argument", n.Argument);
                break;
            case MetaProperty n:
                WriteNode("meta", n.Meta);
                WriteNode("property", n.Property);
                break;
            case ImportExpression n:
                WriteNode("source", n.Source);
                WriteNode("options", n.Options);
                break;
            case SpreadElement n:
                WriteNode("argument", n.Argument);
                break;
            case ObjectPattern n:
                WriteList("properties", n.Properties);
                break;
            case ArrayPattern n:
                WriteList("elements", n.Elements);
                break;
            case RestElement n:
                WriteNode("argument", n.Argument);
                break;
            case AssignmentPattern n:
                WriteNode("left", n.Left);
                WriteNode("right", n.Right);
                break;
            default:
                throw new InvalidOperationException($"No JSON shape for {node.Type}.");
        }

        _json.EndObject();
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
