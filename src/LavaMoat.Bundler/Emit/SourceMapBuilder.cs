using System.Text;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Collects mappings in generated order and writes a source map v3 document. Modules come as
/// <see cref="MappingRun"/>s and sources as quoted JSON strings, both prepared on worker threads; the builder
/// only chains them together, so the document is copied once, when it is written.
/// </summary>
internal sealed class SourceMapBuilder
{
    private readonly List<(string Name, StringBuilder QuotedContent)> _sources = [];

    // The mappings so far: what this builder encoded itself, alternating with the modules' runs, then what it is
    // encoding now.
    private readonly TextPieces _mappings = new();
    private StringBuilder _encoding = new();
    private int _line;
    private int _previousColumn;
    private int _previousSource;
    private int _previousOriginalLine;
    private int _previousOriginalColumn;
    private bool _lineHasSegment;

    /// <param name="quotedContent">The source text as a JSON string literal (<see cref="JsonString.Quote"/>).</param>
    public int AddSource(string name, StringBuilder quotedContent)
    {
        _sources.Add((name, quotedContent));
        return _sources.Count - 1;
    }

    /// <summary>Adds one segment. Calls must come in increasing generated position.</summary>
    public void Add(int generatedLine, int generatedColumn, int source, int originalLine, int originalColumn)
    {
        if (generatedLine < _line || (generatedLine == _line && _lineHasSegment && generatedColumn < _previousColumn))
        {
            throw new InvalidOperationException("source map segments must be added in generated order");
        }

        var mappings = _encoding;
        if (_line < generatedLine)
        {
            mappings.Append(';', generatedLine - _line);
            _line = generatedLine;
            _previousColumn = 0;
            _lineHasSegment = false;
        }

        if (_lineHasSegment)
        {
            mappings.Append(',');
        }

        Base64Vlq.Encode(mappings, generatedColumn - _previousColumn);
        Base64Vlq.Encode(mappings, source - _previousSource);
        Base64Vlq.Encode(mappings, originalLine - _previousOriginalLine);
        Base64Vlq.Encode(mappings, originalColumn - _previousOriginalColumn);
        _previousColumn = generatedColumn;
        _previousSource = source;
        _previousOriginalLine = originalLine;
        _previousOriginalColumn = originalColumn;
        _lineHasSegment = true;
    }

    /// <summary>
    /// Adds a module's segments, as if each were passed to <see cref="Add"/>: the run's code starts at
    /// <paramref name="line"/> and <paramref name="column"/> of the generated text and maps into
    /// <paramref name="source"/>. The run must not change afterwards (its text is kept, not copied).
    /// </summary>
    public void Append(MappingRun run, int source, int line, int column)
    {
        if (run.IsEmpty)
        {
            return;
        }

        Add(line + run.FirstLine, (run.FirstLine == 0 ? column : 0) + run.FirstColumn, source, run.FirstOriginalLine, run.FirstOriginalColumn);
        if (!run.Rest.IsEmpty)
        {
            _mappings.Add(_encoding);
            _mappings.Add(run.Rest);
            _encoding = new StringBuilder();
        }

        _line = line + run.LastLine;
        _previousColumn = (run.LastLine == 0 ? column : 0) + run.LastColumn;
        _previousOriginalLine = run.LastOriginalLine;
        _previousOriginalColumn = run.LastOriginalColumn;
    }

    public string ToJson(string file, string? sourceRoot)
    {
        // Written by hand rather than with Utf8JsonWriter: the sources' text is most of the map (megabytes), and
        // the JSON writer's escaping (HTML-safe by default), buffer growth and UTF-8 round trip allocated about
        // 20 times the map's size on a 900-module app. Same document, fewer escapes: only what JSON requires.
        var head = new StringBuilder();
        head.Append("{\"version\":3,\"file\":");
        JsonString.Append(head, file);
        if (sourceRoot is not null)
        {
            head.Append(",\"sourceRoot\":");
            JsonString.Append(head, sourceRoot);
        }

        head.Append(",\"sources\":[");
        for (var i = 0; i < _sources.Count; i++)
        {
            head.Append(i == 0 ? "" : ",");
            JsonString.Append(head, _sources[i].Name);
        }

        head.Append("],\"sourcesContent\":[");
        var json = new TextPieces();
        json.Add(head);
        for (var i = 0; i < _sources.Count; i++)
        {
            json.Add(i == 0 ? "" : ",");
            json.Add(_sources[i].QuotedContent);
        }

        json.Add("],\"names\":[],\"mappings\":\"");
        json.Add(_mappings);
        json.Add(_encoding);
        json.Add("\"}");
        return json.ToString();
    }
}
