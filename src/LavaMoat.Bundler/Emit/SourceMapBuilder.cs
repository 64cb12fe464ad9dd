using System.Text;
using System.Text.Json;

namespace LavaMoat.Bundler.Emit;

/// <summary>Collects mappings in generated order and writes a source map v3 document.</summary>
internal sealed class SourceMapBuilder
{
    private readonly List<(string Name, string Content)> _sources = [];
    private readonly StringBuilder _mappings = new();
    private int _line;
    private int _previousColumn;
    private int _previousSource;
    private int _previousOriginalLine;
    private int _previousOriginalColumn;
    private bool _lineHasSegment;

    public int AddSource(string name, string content)
    {
        _sources.Add((name, content));
        return _sources.Count - 1;
    }

    /// <summary>Adds one segment. Calls must come in increasing generated position.</summary>
    public void Add(int generatedLine, int generatedColumn, int source, int originalLine, int originalColumn)
    {
        if (generatedLine < _line || (generatedLine == _line && _lineHasSegment && generatedColumn < _previousColumn))
        {
            throw new InvalidOperationException("source map segments must be added in generated order");
        }
        while (_line < generatedLine)
        {
            _mappings.Append(';');
            _line++;
            _previousColumn = 0;
            _lineHasSegment = false;
        }
        if (_lineHasSegment)
        {
            _mappings.Append(',');
        }
        Base64Vlq.Encode(_mappings, generatedColumn - _previousColumn);
        Base64Vlq.Encode(_mappings, source - _previousSource);
        Base64Vlq.Encode(_mappings, originalLine - _previousOriginalLine);
        Base64Vlq.Encode(_mappings, originalColumn - _previousOriginalColumn);
        _previousColumn = generatedColumn;
        _previousSource = source;
        _previousOriginalLine = originalLine;
        _previousOriginalColumn = originalColumn;
        _lineHasSegment = true;
    }

    public string ToJson(string file, string? sourceRoot)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 3);
            writer.WriteString("file", file);
            if (sourceRoot is not null)
            {
                writer.WriteString("sourceRoot", sourceRoot);
            }
            writer.WriteStartArray("sources");
            foreach (var (name, _) in _sources)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("sourcesContent");
            foreach (var (_, content) in _sources)
            {
                writer.WriteStringValue(content);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("names");
            writer.WriteEndArray();
            writer.WriteString("mappings", _mappings.ToString());
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
