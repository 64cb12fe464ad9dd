namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>
/// An ESTree node. <see cref="Start"/> and <see cref="End"/> are UTF-16 offsets into the source
/// (end exclusive), <see cref="Location"/> the same span as line/column, exactly as acorn reports them.
/// </summary>
public abstract class Node
{
    public abstract NodeType Type { get; }

    public int Start { get; internal set; }

    public int End { get; internal set; }

    public SourceLocation Location { get; internal set; }

    public override string ToString() => $"{Type} [{Start}..{End})";
}

/// <summary>A node that can stand where an expression is expected.</summary>
public abstract class Expression : Node;

/// <summary>A node that can stand where a statement is expected.</summary>
public abstract class Statement : Node;

/// <summary>Function, class and variable declarations.</summary>
public abstract class Declaration : Statement;

/// <summary>Import and export declarations; they appear only in a module's top-level body.</summary>
public abstract class ModuleDeclaration : Declaration;
