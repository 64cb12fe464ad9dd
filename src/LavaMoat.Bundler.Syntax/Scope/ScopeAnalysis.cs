using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>
/// The scopes, bindings and references of one <see cref="Ast.Program"/>, from <see cref="ScopeAnalyzer.Analyze"/>.
/// Immutable once returned and safe to read from several threads.
/// </summary>
public sealed class ScopeAnalysis
{
    // Lookup tables are built on first use: the bundler's hot path (free globals, import rewriting) never needs them.
    private Dictionary<Node, Scope>? _scopesByNode;
    private Dictionary<Identifier, Reference>? _referencesByIdentifier;
    private Dictionary<Identifier, Variable>? _variablesByDeclaration;

    internal ScopeAnalysis(
        Program program,
        Scope globalScope,
        Scope? moduleScope,
        List<Scope> scopes,
        List<Reference> references,
        List<Reference> freeReferences,
        List<FreeName> freeNames)
    {
        Program = program;
        GlobalScope = globalScope;
        ModuleScope = moduleScope;
        Scopes = scopes;
        References = references;
        FreeReferences = freeReferences;
        FreeNames = freeNames;
    }

    public Program Program { get; }

    /// <summary>The root scope. For scripts it holds the top-level declarations; for modules it only parents <see cref="ModuleScope"/>.</summary>
    public Scope GlobalScope { get; }

    /// <summary>The module's top-level scope, or null for a script.</summary>
    public Scope? ModuleScope { get; }

    /// <summary>The scope that holds the program's top-level declarations.</summary>
    public Scope TopLevelScope => ModuleScope ?? GlobalScope;

    /// <summary>Every scope, parents before children, in source order.</summary>
    public IReadOnlyList<Scope> Scopes { get; }

    /// <summary>Every reference, in source order.</summary>
    public IReadOnlyList<Reference> References { get; }

    /// <summary>The references no scope declares, in source order.</summary>
    public IReadOnlyList<Reference> FreeReferences { get; }

    /// <summary>The free references grouped by name, names in order of first occurrence: the globals the program uses.</summary>
    public IReadOnlyList<FreeName> FreeNames { get; }

    /// <summary>
    /// The innermost scope <paramref name="node"/> creates, or null when it creates none. A named function
    /// expression creates two (its name scope and, inside it, its function scope); this returns the function scope.
    /// </summary>
    public Scope? GetScope(Node node) =>
        LazyInitializer.EnsureInitialized(ref _scopesByNode, () =>
        {
            var map = new Dictionary<Node, Scope>(Scopes.Count, ReferenceEqualityComparer.Instance);
            foreach (var scope in Scopes)
            {
                // Scopes are listed outer first, so the inner scope of a node that creates two wins.
                map[scope.Node] = scope;
            }

            return map;
        }).GetValueOrDefault(node);

    /// <summary>The reference an identifier makes, or null when the identifier is not a reference (a declaration without initialiser, a property key, a label...).</summary>
    public Reference? GetReference(Identifier identifier) =>
        LazyInitializer.EnsureInitialized(ref _referencesByIdentifier, () =>
        {
            var map = new Dictionary<Identifier, Reference>(References.Count, ReferenceEqualityComparer.Instance);
            foreach (var reference in References)
            {
                map[reference.Identifier] = reference;
            }

            return map;
        }).GetValueOrDefault(identifier);

    /// <summary>
    /// The binding a declaring identifier creates, or null when it declares none. For a sloppy block-level function
    /// declaration this is its lexical block binding (its Annex B var binding is found through the var scope).
    /// </summary>
    public Variable? GetDeclaredVariable(Identifier identifier) =>
        LazyInitializer.EnsureInitialized(ref _variablesByDeclaration, () =>
        {
            var map = new Dictionary<Identifier, Variable>(ReferenceEqualityComparer.Instance);
            foreach (var scope in Scopes)
            {
                foreach (var variable in scope.Variables)
                {
                    foreach (var declaration in variable.Declarations)
                    {
                        // An Annex B var binding shares its identifier with the block binding, which is the one declared.
                        if (variable.Kind == VariableKind.AnnexBFunction)
                        {
                            map.TryAdd(declaration, variable);
                        }
                        else
                        {
                            map[declaration] = variable;
                        }
                    }
                }
            }

            return map;
        }).GetValueOrDefault(identifier);
}
