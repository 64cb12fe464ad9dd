using System.Text;
using System.Text.Json;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>The first place where two ESTree JSON texts differ, with enough context to act on.</summary>
public sealed record JsonDifference(
    string Path,
    string Expected,
    string Actual,
    string NodeType,
    string PropertyInNode,
    int NodeStart,
    int NodeEnd)
{
    /// <summary>
    /// A grouping key for reports: the innermost node type and the property path inside it, indices dropped
    /// (<c>Literal.value</c>, <c>TemplateElement.value.cooked</c>); positions are grouped together.
    /// </summary>
    public string Category
    {
        get
        {
            var property = PropertyInNode.Length == 0 ? "(node)" : PropertyInNode;
            return property is "start" or "end" || property.StartsWith("loc", StringComparison.Ordinal)
                ? $"positions: {NodeType}.{property}"
                : $"{NodeType}.{property}";
        }
    }
}

/// <summary>
/// Compares two canonical JSON texts (keys sorted, compact) token by token, without building trees, so it
/// copes with 50 MB texts and with nesting deeper than any recursive walker would.
/// </summary>
public static class JsonDiff
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1_000_000 };

    /// <summary>Null when equal; else the first difference, <paramref name="expected"/> being acorn's text.</summary>
    public static JsonDifference? FirstDifference(string expected, string actual)
    {
        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        var actualBytes = Encoding.UTF8.GetBytes(actual);
        var a = new Utf8JsonReader(expectedBytes, ReaderOptions);
        var b = new Utf8JsonReader(actualBytes, ReaderOptions);
        var path = new List<Frame>();
        while (true)
        {
            var moreA = Read(ref a);
            var moreB = Read(ref b);
            if (!moreA || !moreB)
            {
                return moreA == moreB ? null : Describe(expectedBytes, path, "(end of text)", "(end of text)");
            }

            if (path.Count > 0 && path[^1].IsArray && a.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
            {
                path[^1].Advance();
            }

            if (a.TokenType != b.TokenType || !a.ValueSpan.SequenceEqual(b.ValueSpan))
            {
                string expectedText, actualText;
                if (a.TokenType == JsonTokenType.PropertyName && b.TokenType == JsonTokenType.PropertyName)
                {
                    // Keys are sorted, so the smaller name is the one the other side lacks.
                    var nameA = a.GetString()!;
                    var nameB = b.GetString()!;
                    var acornOnly = string.CompareOrdinal(nameA, nameB) < 0;
                    path[^1].Name = acornOnly ? nameA : nameB;
                    expectedText = acornOnly ? $"has property \"{nameA}\"" : $"has no property \"{nameB}\"";
                    actualText = acornOnly ? $"has no property \"{nameA}\"" : $"has property \"{nameB}\"";
                }
                else
                {
                    expectedText = ValueText(ref a, expectedBytes);
                    actualText = ValueText(ref b, actualBytes);
                }

                return Describe(expectedBytes, path, expectedText, actualText);
            }

            switch (a.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Add(new Frame(a.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    path[^1].Name = a.GetString();
                    break;
                default:
                    break;
            }
        }
    }

    private static bool Read(ref Utf8JsonReader reader) => reader.Read();

    private static string ValueText(ref Utf8JsonReader reader, byte[] text)
    {
        var start = (int)reader.TokenStartIndex;
        string raw;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            raw = Encoding.UTF8.GetString(text, start, (int)reader.BytesConsumed - start);
        }
        else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            return reader.TokenType == JsonTokenType.EndObject ? "(no more properties)" : "(no more elements)";
        }
        else
        {
            raw = Encoding.UTF8.GetString(text, start, (int)reader.BytesConsumed - start);
        }

        return raw.Length <= 300 ? raw : raw[..300] + "…";
    }

    // Finds the innermost node (object with "type") on the path in acorn's text, for the report's context.
    private static JsonDifference Describe(byte[] expected, List<Frame> path, string expectedText, string actualText)
    {
        var pathText = new StringBuilder("$");
        foreach (var frame in path)
        {
            if (frame.IsArray)
            {
                pathText.Append('[').Append(Math.Max(frame.Index, 0)).Append(']');
            }
            else if (frame.Name is not null)
            {
                pathText.Append('.').Append(frame.Name);
            }
        }

        var nodeType = "?";
        var property = new List<string>();
        int nodeStart = -1, nodeEnd = -1;
        try
        {
            using var document = JsonDocument.Parse(expected, new JsonDocumentOptions { MaxDepth = 1_000_000 });
            var element = document.RootElement;
            var steps = new List<(JsonElement Element, string Step)>();
            foreach (var frame in path)
            {
                if (frame.IsArray)
                {
                    var index = Math.Max(frame.Index, 0);
                    if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength())
                    {
                        break;
                    }

                    steps.Add((element, "[]"));
                    element = element[index];
                }
                else if (frame.Name is not null)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        break;
                    }

                    steps.Add((element, frame.Name));
                    if (!element.TryGetProperty(frame.Name, out var child))
                    {
                        break;
                    }

                    element = child;
                }
            }

            for (var i = steps.Count - 1; i >= 0; i--)
            {
                var holder = steps[i].Element;
                property.Insert(0, steps[i].Step);
                if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    nodeType = type.GetString()!;
                    nodeStart = holder.TryGetProperty("start", out var s) ? s.GetInt32() : -1;
                    nodeEnd = holder.TryGetProperty("end", out var e) ? e.GetInt32() : -1;
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Context is a courtesy; the path alone still locates the difference.
        }

        var propertyText = string.Join('.', property).Replace(".[]", "[]", StringComparison.Ordinal);
        return new JsonDifference(pathText.ToString(), expectedText, actualText, nodeType, propertyText, nodeStart, nodeEnd);
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; private set; } = -1;

        public string? Name { get; set; }

        public void Advance()
        {
            if (IsArray)
            {
                Index++;
            }
        }
    }
}
