using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace LavaMoat.Bundler.Policy;

// A JSON tree that keeps what lavamoat-core's JSON.parse result keeps (member order, last-wins duplicates, numbers
// as doubles) plus each value's position, which JsonDocument cannot give us for diagnostics.
internal abstract record PolicyJsonNode(int Line, int Column);

internal readonly record struct PolicyJsonMember(string Key, PolicyJsonNode Value);

internal sealed record PolicyJsonObject(ImmutableArray<PolicyJsonMember> Members, int Line = 0, int Column = 0)
    : PolicyJsonNode(Line, Column)
{
    public static PolicyJsonObject Empty { get; } = new(ImmutableArray<PolicyJsonMember>.Empty);

    public PolicyJsonNode? Get(string key)
    {
        foreach (var member in Members)
        {
            if (string.Equals(member.Key, key, StringComparison.Ordinal))
            {
                return member.Value;
            }
        }

        return null;
    }

    public bool Has(string key) => Get(key) is not null;

    /// <summary>Builds an object the way repeated JS property assignment does: a repeated key keeps its first position and takes the last value.</summary>
    public static PolicyJsonObject From(IEnumerable<PolicyJsonMember> members, int line = 0, int column = 0)
    {
        var list = new List<PolicyJsonMember>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (index.TryGetValue(member.Key, out var at))
            {
                list[at] = member;
            }
            else
            {
                index[member.Key] = list.Count;
                list.Add(member);
            }
        }

        return new PolicyJsonObject([.. list], line, column);
    }
}

internal sealed record PolicyJsonArray(ImmutableArray<PolicyJsonNode> Items, int Line = 0, int Column = 0) : PolicyJsonNode(Line, Column);

internal sealed record PolicyJsonString(string Value, int Line = 0, int Column = 0) : PolicyJsonNode(Line, Column);

internal sealed record PolicyJsonNumber(double Value, int Line = 0, int Column = 0) : PolicyJsonNode(Line, Column);

internal sealed record PolicyJsonBool(bool Value, int Line = 0, int Column = 0) : PolicyJsonNode(Line, Column);

internal sealed record PolicyJsonNull(int Line = 0, int Column = 0) : PolicyJsonNode(Line, Column);

/// <summary>Reads UTF-8 JSON into a <see cref="PolicyJsonNode"/> tree with 1-based line/column positions.</summary>
internal sealed class PolicyJsonReader
{
    private readonly int[] _lineStarts;
    private readonly byte[] _utf8;

    private PolicyJsonReader(byte[] utf8)
    {
        _utf8 = utf8;
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>Parses the text; malformed JSON throws <see cref="JsonException"/> (with its position) or <see cref="InvalidOperationException"/>.</summary>
    public static PolicyJsonNode Parse(byte[] utf8)
    {
        // Editors on Windows may save a BOM; it carries no meaning, so skip it rather than fail.
        var offset = utf8.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var text = offset == 0 ? utf8 : utf8[offset..];
        var self = new PolicyJsonReader(text);
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = 512 });
        if (!reader.Read())
        {
            throw new JsonException("the file is empty", null, 0, 0);
        }

        var root = self.ReadValue(ref reader);
        // Utf8JsonReader throws here on anything but whitespace after the root value.
        reader.Read();
        return root;
    }

    private PolicyJsonNode ReadValue(ref Utf8JsonReader reader)
    {
        var (line, column) = Position(checked((int)reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<PolicyJsonMember>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = ReadString(ref reader);
                    reader.Read();
                    members.Add(new PolicyJsonMember(key, ReadValue(ref reader)));
                }

                return PolicyJsonObject.From(members, line, column);
            case JsonTokenType.StartArray:
                var items = ImmutableArray.CreateBuilder<PolicyJsonNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return new PolicyJsonArray(items.ToImmutable(), line, column);
            case JsonTokenType.String:
                return new PolicyJsonString(ReadString(ref reader), line, column);
            case JsonTokenType.Number:
                // JSON.parse overflows to Infinity rather than failing; double.Parse does the same.
                var number = double.Parse(Encoding.UTF8.GetString(reader.ValueSpan), System.Globalization.CultureInfo.InvariantCulture);
                return new PolicyJsonNumber(number, line, column);
            case JsonTokenType.True:
                return new PolicyJsonBool(true, line, column);
            case JsonTokenType.False:
                return new PolicyJsonBool(false, line, column);
            default:
                return new PolicyJsonNull(line, column);
        }
    }

    // JSON.parse accepts escaped lone surrogates ("\uD83D") and keeps them; Utf8JsonReader.GetString refuses them,
    // so escaped strings are decoded here to the same UTF-16 text JavaScript would hold.
    private static string ReadString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var text = new StringBuilder(raw.Length);
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            text.Append(Encoding.UTF8.GetString(raw[start..i]));
            var escape = (char)raw[++i];
            if (escape == 'u')
            {
                text.Append((char)int.Parse(Encoding.ASCII.GetString(raw.Slice(i + 1, 4)), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
                i += 4;
            }
            else
            {
                text.Append(escape switch
                {
                    'b' => '\b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => escape, // '"', '\\' and '/' stand for themselves; the reader has rejected anything else
                });
            }

            start = i + 1;
        }

        return text.Append(Encoding.UTF8.GetString(raw[start..])).ToString();
    }

    private (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = 1;
        for (var i = _lineStarts[line]; i < offset && i < _utf8.Length; i++)
        {
            // Count characters, not bytes: continuation bytes (10xxxxxx) do not start a character.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }
}
