namespace LavaMoat.Bundler.Emit;

/// <summary>
/// The source map segments of one module's code, VLQ-encoded on their own (on a worker thread) before anyone
/// knows where the module lands in the bundle. Lines and columns are relative to the start of the code.
/// </summary>
/// <remarks>
/// In the <c>mappings</c> field the generated column restarts on every line, but the source index and the
/// original line and column are deltas from the previous segment, whichever module it belongs to. So only the
/// first segment depends on what comes before: it is kept as numbers, and <see cref="SourceMapBuilder.Append"/>
/// encodes it against the real previous segment. Every later segment is a delta within this module (the source
/// index delta is 0), and so is its generated column: where the code's first line is shifted by the text before
/// it, the segments on that line shift together.
/// </remarks>
internal sealed class MappingRun
{
    private char[] _rest;
    private int _restLength;

    /// <param name="capacity">A guess at the length of the encoded segments after the first.</param>
    public MappingRun(int capacity = 16) => _rest = new char[Math.Max(capacity, 16)];

    public bool IsEmpty { get; private set; } = true;

    public int FirstLine { get; private set; }

    public int FirstColumn { get; private set; }

    public int FirstOriginalLine { get; private set; }

    public int FirstOriginalColumn { get; private set; }

    public int LastLine { get; private set; }

    public int LastColumn { get; private set; }

    public int LastOriginalLine { get; private set; }

    public int LastOriginalColumn { get; private set; }

    /// <summary>The segments after the first, with their <c>,</c> and <c>;</c> separators.</summary>
    public ReadOnlyMemory<char> Rest => _rest.AsMemory(0, _restLength);

    /// <summary>Adds one segment. Calls must come in increasing generated position.</summary>
    public void Add(int line, int column, int originalLine, int originalColumn)
    {
        if (IsEmpty)
        {
            (FirstLine, FirstColumn, FirstOriginalLine, FirstOriginalColumn) = (line, column, originalLine, originalColumn);
            IsEmpty = false;
        }
        else
        {
            if (line < LastLine || (line == LastLine && column < LastColumn))
            {
                throw new InvalidOperationException("source map segments must be added in generated order");
            }

            var separators = line == LastLine ? 1 : line - LastLine;
            var room = separators + (3 * Base64Vlq.MaxLength) + 1;
            if (_rest.Length - _restLength < room)
            {
                Array.Resize(ref _rest, Math.Max(_rest.Length * 2, _restLength + room));
            }

            var rest = _rest;
            var at = _restLength;
            for (var i = 0; i < separators; i++)
            {
                rest[at++] = line == LastLine ? ',' : ';';
            }

            at = Base64Vlq.Encode(rest, at, column - (line == LastLine ? LastColumn : 0));
            rest[at++] = 'A';
            at = Base64Vlq.Encode(rest, at, originalLine - LastOriginalLine);
            _restLength = Base64Vlq.Encode(rest, at, originalColumn - LastOriginalColumn);
        }

        (LastLine, LastColumn, LastOriginalLine, LastOriginalColumn) = (line, column, originalLine, originalColumn);
    }

    /// <summary>
    /// Adds a segment further along the last segment's line that keeps its shift (the original column moves with
    /// the generated one, the original line stays): what code copied as it is maps to, token after token. The same
    /// text as <see cref="Add"/> gives, written without its general bookkeeping.
    /// </summary>
    public void AddAlongLine(int column)
    {
        var delta = column - LastColumn;
        if (IsEmpty || delta < 0)
        {
            throw new InvalidOperationException("a segment along the line needs an earlier segment on it");
        }

        if (_rest.Length - _restLength < 4 + (2 * Base64Vlq.MaxLength))
        {
            Array.Resize(ref _rest, Math.Max(_rest.Length * 2, _restLength + 4 + (2 * Base64Vlq.MaxLength)));
        }

        var rest = _rest;
        var at = _restLength;
        rest[at++] = ',';
        if (delta < 16)
        {
            // One digit each: the column delta, the source (0), the line (0), the original column delta.
            var digit = Base64Vlq.SmallDigit(delta);
            rest[at] = digit;
            rest[at + 1] = 'A';
            rest[at + 2] = 'A';
            rest[at + 3] = digit;
            at += 4;
        }
        else
        {
            at = Base64Vlq.Encode(rest, at, delta);
            rest[at++] = 'A';
            rest[at++] = 'A';
            at = Base64Vlq.Encode(rest, at, delta);
        }

        _restLength = at;
        LastColumn = column;
        LastOriginalColumn += delta;
    }
}
