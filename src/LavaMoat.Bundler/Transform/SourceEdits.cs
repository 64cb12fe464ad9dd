using System.Text;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Transform;

/// <summary>
/// Edits to one module's original text: replacements of original ranges and insertions, plus text put in front
/// of it (the module header). <see cref="Apply"/> produces the new text and the map from every token of the
/// result back to where it came from, so the source map stays exact however much a transform rewrote.
/// </summary>
internal sealed class SourceEdits(string original)
{
    private readonly List<Edit> _edits = [];
    private readonly StringBuilder _prefix = new();

    public string Original { get; } = original;

    public bool HasEdits => _edits.Count > 0 || _prefix.Length > 0;

    /// <summary>Text emitted before the original text; it maps to the start of the file.</summary>
    public void Prepend(string text) => _prefix.Append(text);

    public void Replace(int start, int end, string text)
    {
        if (start < 0 || end < start || end > Original.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"bad edit range {start}..{end}");
        }

        _edits.Add(new Edit(start, end, text, _edits.Count));
    }

    /// <summary>
    /// Reserves [start, end) for a replacement whose text is not known yet (it depends on other modules); give it
    /// with <see cref="SetText"/> before <see cref="Apply"/>. The range counts for <see cref="Touches"/> at once.
    /// </summary>
    public int ReplaceLater(int start, int end)
    {
        Replace(start, end, "");
        _edits[^1] = _edits[^1] with { Pending = true };
        return _edits.Count - 1;
    }

    /// <summary>The text of a replacement reserved with <see cref="ReplaceLater"/>.</summary>
    public void SetText(int edit, string text) => _edits[edit] = _edits[edit] with { Text = text, Pending = false };

    public void Insert(int position, string text) => Replace(position, position, text);

    public void Remove(int start, int end) => Replace(start, end, "");

    /// <summary>True when an edit already replaces part of [start, end) (used to keep later edits off it).</summary>
    public bool Touches(int start, int end) =>
        _edits.Exists(e => e.End > e.Start ? e.Start < end && start < e.End : e.Start > start && e.Start < end);

    public (string Code, IReadOnlyList<CodeMapping> Mappings) Apply()
    {
        // Insertions at one position keep the order they were made in; a replacement sorts after insertions
        // at its start, so "insert before x" and "replace x" compose.
        if (_edits.Exists(e => e.Pending))
        {
            throw new InvalidOperationException("a replacement reserved with ReplaceLater never got its text");
        }

        // Order is unique, so this order is total.
        var edits = OrdinalOrder.By(_edits, static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : (a.End > a.Start) != (b.End > b.Start) ? (a.End > a.Start ? 1 : -1)
            : a.Order.CompareTo(b.Order));
        for (var i = 1; i < edits.Length; i++)
        {
            if (edits[i].Start < edits[i - 1].End)
            {
                throw new InvalidOperationException($"overlapping edits at {edits[i - 1].Start}..{edits[i - 1].End} and {edits[i].Start}..{edits[i].End}");
            }
        }

        var output = new Output(Original);
        if (_prefix.Length > 0)
        {
            output.AddMapping(0);
            output.AppendGenerated(_prefix.ToString());
        }

        var position = 0;
        foreach (var edit in edits)
        {
            output.CopyOriginal(position, edit.Start);
            if (edit.Text.Length > 0)
            {
                output.AddMapping(edit.Start);
                output.AppendGenerated(edit.Text);
            }

            position = Math.Max(position, edit.End);
        }

        output.CopyOriginal(position, Original.Length);
        return (output.Text.ToString(), output.Mappings);
    }

    private readonly record struct Edit(int Start, int End, string Text, int Order)
    {
        public bool Pending { get; init; }
    }

    // Builds the new text while tracking the generated line/column and mapping token starts.
    private sealed class Output(string original)
    {
        private readonly LineMap _lines = new(original);
        private int _line;
        private int _column;
        private int _lastMappedLine = -1;
        private int _lastMappedColumn = -1;

        public StringBuilder Text { get; } = new(original.Length + 256);

        public List<CodeMapping> Mappings { get; } = [];

        public void AddMapping(int originalOffset)
        {
            if (_line == _lastMappedLine && _column == _lastMappedColumn)
            {
                return;
            }

            var (line, column) = _lines.Locate(originalOffset);
            Mappings.Add(new CodeMapping(_line, _column, line, column));
            _lastMappedLine = _line;
            _lastMappedColumn = _column;
        }

        public void AppendGenerated(string text)
        {
            foreach (var c in text)
            {
                Append(c);
            }
        }

        // Copies original[start..end), mapping each token start (the same rule the bundle writer uses for
        // untransformed modules) to its own original position.
        public void CopyOriginal(int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                var c = original[i];
                if (!char.IsWhiteSpace(c) && TokenStarts.StartsToken(original, i, start))
                {
                    AddMapping(i);
                }

                Append(c);
            }
        }

        private void Append(char c)
        {
            Text.Append(c);
            if (c == '\r' || (c == '\n' && !(Text.Length >= 2 && Text[^2] == '\r')))
            {
                // A line ends at \n, \r or \r\n (the \n after a \r starts no second line), as LineMap counts them.
                _line++;
                _column = 0;
            }
            else if (c != '\n')
            {
                _column++;
            }
        }
    }
}

/// <summary>Offsets to 0-based line and column, counting \n, \r\n and \r as line ends (as the bundle writer
/// normalises them).</summary>
internal sealed class LineMap
{
    private readonly List<int> _starts = [0];

    public LineMap(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\n' or '\r')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) Locate(int offset)
    {
        var index = _starts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line, offset - _starts[line]);
    }
}
