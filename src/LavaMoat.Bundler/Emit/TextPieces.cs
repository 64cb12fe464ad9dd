using System.Text;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Text kept as the list of pieces appended to it and copied once, into a string of the exact length, when asked
/// for. A bundle and its map are mostly module code, sources and mappings that already exist as strings or
/// builders; a <see cref="StringBuilder"/> would copy each of them twice (growing, then <c>ToString</c>).
/// The pieces must not change until the text is read.
/// </summary>
internal sealed class TextPieces
{
    private readonly List<ReadOnlyMemory<char>> _pieces = [];

    public int Length { get; private set; }

    public void Add(string text) => Add(text.AsMemory());

    public void Add(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            Add(chunk);
        }
    }

    public void Add(TextPieces text)
    {
        foreach (var piece in text._pieces)
        {
            Add(piece);
        }
    }

    public void Add(ReadOnlyMemory<char> text)
    {
        if (!text.IsEmpty)
        {
            _pieces.Add(text);
            Length = checked(Length + text.Length);
        }
    }

    public override string ToString() => ToString(Length);

    /// <summary>The first <paramref name="length"/> characters.</summary>
    public string ToString(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        return string.Create(length, _pieces, static (destination, pieces) =>
        {
            foreach (var piece in pieces)
            {
                if (destination.IsEmpty)
                {
                    break;
                }

                var copied = Math.Min(piece.Length, destination.Length);
                piece.Span[..copied].CopyTo(destination);
                destination = destination[copied..];
            }
        });
    }
}
