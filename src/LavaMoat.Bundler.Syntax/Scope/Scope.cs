using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>
/// One lexical scope of a program: what created it, its bindings and the references that occur directly in it.
/// Built by <see cref="ScopeAnalyzer"/> and not changed afterwards.
/// </summary>
public sealed class Scope
{
    // Most scopes declare a handful of names; a linear scan beats hashing until a scope grows past this.
    private const int DictionaryThreshold = 8;

    private List<Scope>? _children;
    private List<Variable>? _variables;
    private Dictionary<string, Variable>? _variablesByName;
    private List<Reference>? _references;

    internal Scope(ScopeKind kind, Node node, Scope? parent, bool isStrict)
    {
        Kind = kind;
        Node = node;
        Parent = parent;
        IsStrict = isStrict;
        IsDynamic = kind == ScopeKind.With;
        VariableScope = kind is ScopeKind.Global or ScopeKind.Module or ScopeKind.Function
            or ScopeKind.ClassFieldInitializer or ScopeKind.ClassStaticBlock || parent is null
            ? this
            : parent.VariableScope;
        if (parent is not null)
        {
            (parent._children ??= []).Add(this);
        }
    }

    public ScopeKind Kind { get; }

    /// <summary>
    /// The node that created the scope: the Program (global, module), the function, the named function
    /// expression (for its name scope too), the class, the PropertyDefinition of a field initialiser, the
    /// StaticBlock, the BlockStatement, the CatchClause, the WithStatement, the for statement, the SwitchStatement.
    /// </summary>
    public Node Node { get; }

    public Scope? Parent { get; }

    public IReadOnlyList<Scope> Children => (IReadOnlyList<Scope>?)_children ?? [];

    /// <summary>Code in this scope is strict (module, <c>'use strict'</c> directive, class body, or a strict parent).</summary>
    public bool IsStrict { get; }

    /// <summary>
    /// Name lookup through this scope is not fully static: it is a <c>with</c> body, or the var scope of a direct
    /// <c>eval(...)</c> call in sloppy code (which may declare new vars here at run time).
    /// </summary>
    public bool IsDynamic { get; internal set; }

    /// <summary>The nearest enclosing scope that receives <c>var</c> declarations (function, global, module, field initialiser, static block).</summary>
    public Scope VariableScope { get; }

    /// <summary>The bindings declared here, in declaration order.</summary>
    public IReadOnlyList<Variable> Variables => (IReadOnlyList<Variable>?)_variables ?? [];

    /// <summary>The references whose identifier occurs directly in this scope (not in a child), in source order.</summary>
    public IReadOnlyList<Reference> References => (IReadOnlyList<Reference>?)_references ?? [];

    /// <summary>The binding named <paramref name="name"/> declared in this very scope, if any.</summary>
    public Variable? FindVariable(string name)
    {
        if (_variablesByName is not null)
        {
            return _variablesByName.GetValueOrDefault(name);
        }

        if (_variables is not null)
        {
            foreach (var variable in _variables)
            {
                if (string.Equals(variable.Name, name, StringComparison.Ordinal))
                {
                    return variable;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The binding a name used directly in this scope resolves to, walking outwards; null when free. This is the
    /// plain static chain (a <c>with</c> object or an <c>eval</c> may capture the name first, see
    /// <see cref="IsDynamic"/>); it ignores the parameter-list rule, so use <see cref="Reference.Variable"/> for
    /// identifiers that occur in the program.
    /// </summary>
    public Variable? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.FindVariable(name) is { } variable)
            {
                return variable;
            }
        }

        return null;
    }

    public override string ToString() => $"{Kind} scope of {Node}";

    // ---- construction, used by the analyzer only ----

    /// <summary>Block-level function declarations in sloppy code that may get an Annex B var binding here (var scopes only).</summary>
    internal List<AnnexBCandidate>? AnnexBCandidates { get; set; }

    /// <summary>For function scopes: where the body starts; references before it are in the parameter list.</summary>
    internal int BodyStart { get; init; } = -1;

    internal bool IsArrowFunction { get; init; }

    internal Variable Declare(string name, VariableKind kind)
    {
        var variable = new Variable(name, kind, this);
        if (_variables is null)
        {
            _variables = [];
        }

        _variables.Add(variable);
        if (_variablesByName is not null)
        {
            _variablesByName[name] = variable;
        }
        else if (_variables.Count > DictionaryThreshold)
        {
            _variablesByName = new Dictionary<string, Variable>(_variables.Count * 2, StringComparer.Ordinal);
            foreach (var existing in _variables)
            {
                _variablesByName[existing.Name] = existing;
            }
        }

        return variable;
    }

    internal void AddReference(Reference reference) => (_references ??= []).Add(reference);
}

/// <summary>A sloppy-mode function declaration in a block; <see cref="From"/> is the first scope to check for conflicting lexical declarations.</summary>
internal readonly record struct AnnexBCandidate(Identifier Identifier, Scope From);
