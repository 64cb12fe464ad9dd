namespace LavaMoat.Bundler.Syntax.RegExp;

/// <summary>
/// Unwinds the recursive-descent pattern parser on the first early error. Only invalid patterns throw, so the
/// common (valid) path pays nothing for it; <see cref="RegExpValidator"/> turns it into a message.
/// </summary>
internal sealed class RegExpSyntaxException : Exception
{
    public RegExpSyntaxException()
    {
    }

    public RegExpSyntaxException(string message)
        : base(message)
    {
    }

    public RegExpSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
