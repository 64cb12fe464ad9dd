using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>One occurrence of an identifier that names a binding (not a property key, label or member name).</summary>
public sealed class Reference
{
    internal Reference(Identifier identifier, Scope scope, ReferenceFlags flags)
    {
        Identifier = identifier;
        Scope = scope;
        Flags = flags;
    }

    public Identifier Identifier { get; }

    public string Name => Identifier.Name;

    /// <summary>The innermost scope the identifier occurs in.</summary>
    public Scope Scope { get; }

    public ReferenceFlags Flags { get; }

    /// <summary>The binding it resolves to statically, or null when no enclosing scope declares the name (a free global).</summary>
    public Variable? Variable { get; internal set; }

    public bool IsRead => (Flags & ReferenceFlags.Read) != 0;

    public bool IsWrite => (Flags & ReferenceFlags.Write) != 0;

    /// <summary>The write initialises a declaration (see <see cref="ReferenceFlags.Init"/>).</summary>
    public bool IsInit => (Flags & ReferenceFlags.Init) != 0;

    public bool IsFree => Variable is null;

    /// <summary>
    /// The lookup passed unresolved through a dynamic scope (<see cref="Scope.IsDynamic"/>: a <c>with</c> body, or
    /// the var scope of a sloppy direct <c>eval</c>), so at run time the name may instead reach the <c>with</c>
    /// object or a binding the eval creates. Such a lookup can only end nearer than the static answer, never
    /// further out, so <see cref="Variable"/> being non-null still proves the name is not a global.
    /// </summary>
    public bool IsDynamic { get; internal set; }

    public override string ToString() =>
        $"{Name}@{Identifier.Location.Start} {Flags}{(Variable is null ? " free" : $" -> {Variable.Kind} in {Variable.Scope.Kind}")}";
}
