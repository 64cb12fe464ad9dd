using System.Text.RegularExpressions;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// A JavaScript template with named slots written <c>/*{{name}}*/</c> (a comment, so every template is valid
/// JavaScript as stored). It is split once into literal text and slots; each literal knows how many lines it
/// spans and how long its last line is, so the writer tracks generated positions without rescanning, and each
/// slot's line/column offset from the template start is known (given single-line fills before it).
/// </summary>
internal sealed partial class Template
{
    private Template(string name, IReadOnlyList<TemplatePart> parts)
    {
        Name = name;
        Parts = parts;
    }

    public string Name { get; }

    public IReadOnlyList<TemplatePart> Parts { get; }

    public static Template Parse(string name, string text)
    {
        // Templates are stored with a final newline (editorconfig); the writer decides about separators itself.
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var parts = new List<TemplatePart>();
        var line = 0;
        var column = 0;
        var last = 0;
        var slots = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in SlotPattern().Matches(text))
        {
            if (match.Index > last)
            {
                var literal = TemplatePart.Literal(text[last..match.Index]);
                parts.Add(literal);
                (line, column) = literal.Advance(line, column);
            }
            var slot = match.Groups[1].Value;
            if (!slots.Add(slot))
            {
                throw new InvalidOperationException($"template {name}: slot {slot} appears twice");
            }
            parts.Add(TemplatePart.Slot(slot, line, column));
            last = match.Index + match.Length;
        }
        if (last < text.Length)
        {
            parts.Add(TemplatePart.Literal(text[last..]));
        }
        return new Template(name, parts);
    }

    public TemplatePart GetSlot(string name) =>
        Parts.FirstOrDefault(p => p.IsSlot && p.Text == name)
        ?? throw new InvalidOperationException($"template {Name} has no slot {name}");

    /// <summary>Writes the template, asking <paramref name="fill"/> to write each slot.</summary>
    public void WriteTo(GeneratedText output, Action<string> fill)
    {
        foreach (var part in Parts)
        {
            if (part.IsSlot)
            {
                fill(part.Text);
            }
            else
            {
                output.Append(part);
            }
        }
    }

    [GeneratedRegex(@"/\*\{\{([A-Za-z][A-Za-z0-9]*)\}\}\*/")]
    private static partial Regex SlotPattern();
}

/// <summary>Literal text (with its line count and last-line length) or a slot (with its offset in the template).</summary>
internal sealed record TemplatePart(bool IsSlot, string Text, int Lines, int LastLineLength, int Line, int Column)
{
    public static TemplatePart Literal(string text)
    {
        var lines = text.Count(c => c == '\n');
        var lastLineLength = lines == 0 ? text.Length : text.Length - text.LastIndexOf('\n') - 1;
        return new TemplatePart(false, text, lines, lastLineLength, 0, 0);
    }

    public static TemplatePart Slot(string name, int line, int column) => new(true, name, 0, 0, line, column);

    public (int Line, int Column) Advance(int line, int column) =>
        Lines == 0 ? (line, column + LastLineLength) : (line + Lines, LastLineLength);
}
