using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>A binding declared in a <see cref="Scoping.Scope"/>, with every declaration and resolved reference.</summary>
public sealed class Variable
{
    // Nearly every binding has exactly one declaration: keep it inline and allocate a list only for a second one.
    private Identifier? _firstDeclaration;
    private List<Identifier>? _declarations;
    private Identifier[]? _singleDeclaration;
    private List<Reference>? _references;

    internal Variable(string name, VariableKind kind, Scope scope)
    {
        Name = name;
        Kind = kind;
        Scope = scope;
    }

    public string Name { get; }

    public VariableKind Kind { get; private set; }

    public Scope Scope { get; }

    /// <summary>The identifiers that declare it, in source order (empty for <see cref="VariableKind.ImplicitArguments"/>).</summary>
    public IReadOnlyList<Identifier> Declarations =>
        (IReadOnlyList<Identifier>?)_declarations
        ?? (_firstDeclaration is null ? [] : _singleDeclaration ??= [_firstDeclaration]); // a benign race: equal arrays

    /// <summary>The references that resolve to it, in source order.</summary>
    public IReadOnlyList<Reference> References => (IReadOnlyList<Reference>?)_references ?? [];

    /// <summary>True for bindings with a temporal dead zone or block scoping (let, const, using, class, class name, import).</summary>
    public bool IsLexical => Kind is VariableKind.Let or VariableKind.Const or VariableKind.Using or VariableKind.AwaitUsing
        or VariableKind.Class or VariableKind.ClassName;

    /// <summary>
    /// The binding is immutable: assigning it is a TypeError at run time (for a named function expression's
    /// name, only in strict code; sloppy code ignores the assignment). Const, using, import, class name and
    /// function-expression name bindings.
    /// </summary>
    public bool IsReadOnly => Kind is VariableKind.Const or VariableKind.Using or VariableKind.AwaitUsing
        or VariableKind.Import or VariableKind.ClassName or VariableKind.FunctionExpressionName;

    /// <summary>
    /// Set when one of the declarations is a formal parameter, whatever <see cref="Kind"/> says: references from a
    /// parameter list with expressions may only see parameter bindings of their own function (the body's var
    /// declarations live in a separate environment there).
    /// </summary>
    internal bool IsParameter { get; private set; }

    internal void AddDeclaration(Identifier identifier, VariableKind kind)
    {
        if (_firstDeclaration is null)
        {
            _firstDeclaration = identifier;
        }
        else
        {
            (_declarations ??= [_firstDeclaration]).Add(identifier);
        }

        if (kind == VariableKind.Parameter)
        {
            IsParameter = true;
        }

        // A function declaration initialises the shared binding at instantiation, so it describes it better than var.
        if (kind == VariableKind.Function && Kind is VariableKind.Var or VariableKind.AnnexBFunction)
        {
            Kind = VariableKind.Function;
        }
    }

    internal void AddReference(Reference reference) => (_references ??= []).Add(reference);

    public override string ToString() => $"{Kind} {Name}";
}
