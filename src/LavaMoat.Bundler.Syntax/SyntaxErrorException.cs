namespace LavaMoat.Bundler.Syntax;

/// <summary>
/// A located syntax error. <see cref="Description"/> is the message without position;
/// <see cref="Index"/> is the UTF-16 offset, <see cref="Line"/> 1-based, <see cref="Column"/> 0-based
/// (acorn's convention; add 1 for editor-style columns). <see cref="Exception.Message"/> reads
/// <c>"Description (line:column)"</c> like acorn's.
/// </summary>
public sealed class SyntaxErrorException : Exception
{
    public SyntaxErrorException(string description, int index, int line, int column)
        : base($"{description} ({line}:{column})")
    {
        Description = description;
        Index = index;
        Line = line;
        Column = column;
    }

    public SyntaxErrorException()
        : this("Syntax error", 0, 1, 0)
    {
    }

    public SyntaxErrorException(string message)
        : this(message, 0, 1, 0)
    {
    }

    public SyntaxErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Description = message;
        Line = 1;
    }

    public string Description { get; }

    public int Index { get; }

    public int Line { get; }

    public int Column { get; }
}
