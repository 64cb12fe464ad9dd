namespace LavaMoat.Bundler.Emit;

/// <summary>The bundle text being written, with the 0-based line and UTF-16 column of its end.</summary>
internal sealed class GeneratedText
{
    private readonly TextPieces _text = new();

    public int Line { get; private set; }

    public int Column { get; private set; }

    /// <summary>UTF-16 length so far (an offset into the finished text).</summary>
    public int Length => _text.Length;

    public void Append(string text)
    {
        _text.Add(text);
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            Column += text.Length;
        }
        else
        {
            Line += text.AsSpan().Count('\n');
            Column = text.Length - lastNewline - 1;
        }
    }

    public void Append(TemplatePart literal)
    {
        _text.Add(literal.Text);
        (Line, Column) = literal.Advance(Line, Column);
    }

    public override string ToString() => _text.ToString();

    /// <summary>The first <paramref name="length"/> characters.</summary>
    public string ToString(int length) => _text.ToString(length);
}
