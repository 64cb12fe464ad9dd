using System.Text;

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
        // Written by hand rather than with Utf8JsonWriter: the sources' text is most of the map (megabytes), and
        // the JSON writer's escaping (HTML-safe by default), buffer growth and UTF-8 round trip allocated about
        // 20 times the map's size on a 900-module app. Same document, fewer escapes: only what JSON requires.
        var capacity = _mappings.Length + file.Length + 128;
        foreach (var (name, content) in _sources)
        {
            capacity += name.Length + content.Length + content.Length / 16 + 8;
        }

        var json = new StringBuilder(capacity);
        json.Append("{\"version\":3,\"file\":");
        JsonString.Append(json, file);
        if (sourceRoot is not null)
        {
            json.Append(",\"sourceRoot\":");
            JsonString.Append(json, sourceRoot);
        }

        json.Append(",\"sources\":[");
        for (var i = 0; i < _sources.Count; i++)
        {
            json.Append(i == 0 ? "" : ",");
            JsonString.Append(json, _sources[i].Name);
        }

        json.Append("],\"sourcesContent\":[");
        for (var i = 0; i < _sources.Count; i++)
        {
            json.Append(i == 0 ? "" : ",");
            JsonString.Append(json, _sources[i].Content);
        }

        json.Append("],\"names\":[],\"mappings\":\"").Append(_mappings).Append("\"}");
        return json.ToString();
    }
}
