namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>How a <see cref="Variable"/> was declared (its first declaration, except that a function declaration outranks <c>var</c>).</summary>
public enum VariableKind
{
    Var,
    Let,
    Const,
    Using,
    AwaitUsing,

    /// <summary>A class declaration's binding in the enclosing scope.</summary>
    Class,

    /// <summary>A class's own name inside its <see cref="ScopeKind.Class"/> scope (immutable, also for class expressions).</summary>
    ClassName,

    /// <summary>A function declaration: var-like at the top level of a function, script or module, lexical in a block.</summary>
    Function,

    /// <summary>
    /// The var-scoped binding ECMA-262 Annex B.3.2 adds in sloppy code for a function declared in a block (or as an
    /// <c>if</c> body) when no enclosing lexical declaration or parameter of the same name prevents it. The function's
    /// block keeps its own lexical <see cref="Function"/> binding; this one is what code outside the block sees.
    /// </summary>
    AnnexBFunction,

    Parameter,
    CatchParameter,

    /// <summary>An import binding (read-only, module scope).</summary>
    Import,

    /// <summary>The implicit <c>arguments</c> of a non-arrow function; created only when something refers to it.</summary>
    ImplicitArguments,

    /// <summary>A named function expression's own name.</summary>
    FunctionExpressionName,
}
