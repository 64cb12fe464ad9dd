namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>What created a <see cref="Scope"/>.</summary>
public enum ScopeKind
{
    /// <summary>The root of every analysis. In scripts it holds the top-level declarations; in modules it is empty and parents the <see cref="Module"/> scope.</summary>
    Global,

    /// <summary>A module's top level: imports and top-level declarations.</summary>
    Module,

    /// <summary>A function or arrow function: parameters, <c>arguments</c>, and the declarations of its body.</summary>
    Function,

    /// <summary>The scope holding a named function expression's own name, between the enclosing scope and the function's.</summary>
    FunctionExpressionName,

    /// <summary>A block statement (not a function body, which belongs to its function's scope).</summary>
    Block,

    /// <summary>A class: its inner name binding, heritage, computed keys and members.</summary>
    Class,

    /// <summary>One class field's initialiser, evaluated like a method body (own <c>this</c>, own var scope).</summary>
    ClassFieldInitializer,

    /// <summary>A class <c>static { }</c> block, a var scope of its own.</summary>
    ClassStaticBlock,

    /// <summary>A catch clause's parameter; the catch body is a <see cref="Block"/> inside it.</summary>
    Catch,

    /// <summary>A <c>with</c> statement's body; names looked up through it may resolve to the object's properties.</summary>
    With,

    /// <summary>The head of a <c>for</c>, <c>for-in</c> or <c>for-of</c> whose declaration is lexical (let/const/using), copied per iteration.</summary>
    For,

    /// <summary>A switch statement's case block (all cases share it).</summary>
    Switch,
}
