namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>What a <see cref="Reference"/> does with its name.</summary>
[Flags]
public enum ReferenceFlags
{
    None = 0,

    /// <summary>The value is read (<c>x</c>, <c>typeof x</c>, <c>x += 1</c>, <c>x++</c>, <c>{ x }</c>).</summary>
    Read = 1,

    /// <summary>The binding is assigned (<c>x = 1</c>, <c>x += 1</c>, <c>x++</c>, destructuring and for-in/of targets, initialised declarations).</summary>
    Write = 2,

    /// <summary>
    /// The write initialises a declaration (<c>let x = 1</c>, <c>for (const x of xs)</c>, a parameter or catch
    /// binding with a default) rather than assigning an existing binding. Always combined with <see cref="Write"/>.
    /// </summary>
    Init = 4,
}
