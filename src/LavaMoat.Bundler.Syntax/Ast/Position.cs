namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>A point in the source: <see cref="Line"/> is 1-based, <see cref="Column"/> 0-based in UTF-16 code units (acorn's convention).</summary>
public readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>The line/column span of a node, end exclusive.</summary>
public readonly record struct SourceLocation(Position Start, Position End);
