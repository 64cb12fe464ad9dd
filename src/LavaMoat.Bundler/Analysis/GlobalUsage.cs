using System.Collections.Immutable;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Analysis;

/// <summary>How a module uses a global path (named apart from <see cref="Policy.GlobalAccess"/>, which also has Deny). A policy writes <see cref="Read"/> as <c>true</c> and <see cref="Write"/> as <c>"write"</c>.</summary>
public enum GlobalUseKind
{
    Read,
    Write,
}

/// <summary>
/// One place in a module that uses a global: the member path (after any <c>window</c>/<c>globalThis</c>/… prefix),
/// whether that place writes it, and the position (1-based line, 0-based column) of the identifier that starts it.
/// </summary>
public sealed record GlobalOccurrence(string Path, GlobalUseKind Access, Position Position);

/// <summary>
/// One entry of a module's collapsed globals: the path, <see cref="GlobalUseKind.Write"/> when some occurrence of
/// exactly this path writes it, and the positions of every occurrence of the path or of a deeper path it absorbed.
/// </summary>
public sealed record GlobalUse(string Path, GlobalUseKind Access, ImmutableArray<Position> Positions);

/// <summary>The globals one module uses, from <see cref="GlobalUsageAnalyzer.Analyze"/>.</summary>
public sealed record GlobalUsage(ImmutableArray<GlobalOccurrence> Occurrences, ImmutableArray<GlobalUse> Globals)
{
    public static GlobalUsage Empty { get; } = new([], []);

    /// <summary>The collapsed entry for <paramref name="path"/>, or null when the module's globals hold no such key.</summary>
    public GlobalUse? Find(string path)
    {
        foreach (var use in Globals)
        {
            if (string.Equals(use.Path, path, StringComparison.Ordinal))
            {
                return use;
            }
        }

        return null;
    }
}
