using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Analysis;

/// <summary>Code that will fail under SES lockdown.</summary>
/// <param name="Line">1-based line of the expression.</param>
/// <param name="Column">1-based column of the expression.</param>
/// <param name="Message">One sentence saying what fails and why.</param>
public sealed record SesCompatFinding(int Line, int Column, string Message)
{
    /// <summary>The intrinsic path that is mutated (<c>Array.prototype.includes</c>, <c>Object.prototype</c>, …).</summary>
    public string Target { get; init; } = "";
}

/// <summary>
/// Finds primordial mutations: code that changes a shared intrinsic (<c>Array.prototype.x = …</c>,
/// <c>Object.defineProperty(String.prototype, …)</c>, <c>Symbol.observable = …</c>). <c>lockdown()</c> freezes every
/// intrinsic reachable from the globals SES provides, and compartment code is strict, so these throw a
/// <c>TypeError</c> at run time (the <c>Reflect</c> forms return <c>false</c> instead). Like lavamoat-tofu's
/// <c>inspectPrimordialAssignments</c>, a mutation counts only when its root name is a free reference to an
/// intrinsic (a local <c>Array</c> is not the intrinsic); a free global alias in front (<c>window.Array…</c>) is
/// followed. Unlike it we also see computed last keys (<c>Array.prototype[k] = …</c> throws just the same),
/// <c>++</c>/<c>--</c>, and the <c>Object</c>/<c>Reflect</c> functions that mutate their first argument.
/// <para>Not reported, because lockdown makes them work:</para>
/// <list type="bullet">
/// <item><c>Error.prepareStackTrace</c> and <c>Error.stackTraceLimit</c>: SES's tamed <c>Error</c> has accessors for
/// them.</item>
/// <item>Assigning a property of an ordinary object that an intrinsic prototype also has
/// (<c>Foo.prototype.toString = …</c>, <c>err.name = …</c>): that would hit the "override mistake" (a frozen inherited
/// data property makes the assignment throw), which SES's default <c>overrideTaming</c> fixes for the common names by
/// turning them into accessors. Such targets are not intrinsics, so they are never reported here.</item>
/// </list>
/// </summary>
public static class SesCompatAnalyzer
{
    /// <summary>The warning code the pipeline reports findings with.</summary>
    public const string PrimordialMutationCode = "LMB5101";

    // The globals whose values lockdown freezes (with everything reachable from them): CompartmentGlobals.Names
    // without the value properties, which are primitives or the compartment's own global object.
    private static readonly FrozenSet<string> Intrinsics = CompartmentGlobals.Names
        .Except(["globalThis", "Infinity", "NaN", "undefined"], StringComparer.Ordinal)
        .ToFrozenSet(StringComparer.Ordinal);

    // Accessors of the tamed Error constructor: assigning them is supported (V8's stack API).
    private static readonly FrozenSet<string> AssignableAccessors = FrozenSet.ToFrozenSet(
        ["Error.prepareStackTrace", "Error.stackTraceLimit"], StringComparer.Ordinal);

    // Functions that change the object passed first. Object's throw on a frozen target; Reflect's return false.
    private static readonly FrozenSet<string> ObjectMutators = FrozenSet.ToFrozenSet(
        ["defineProperty", "defineProperties", "assign", "setPrototypeOf"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ReflectMutators = FrozenSet.ToFrozenSet(
        ["defineProperty", "set", "setPrototypeOf", "deleteProperty"], StringComparer.Ordinal);

    /// <summary>The findings of a tree on its own (the graph stage passes the <see cref="SyntaxFacts"/> it collected).</summary>
    public static ImmutableArray<SesCompatFinding> Analyze(Program program, ScopeAnalysis scope) =>
        Analyze(SyntaxFacts.Collect(program, scope), scope);

    /// <summary>The findings among the module's member assignments, updates and calls, in source order.</summary>
    public static ImmutableArray<SesCompatFinding> Analyze(SyntaxFacts facts, ScopeAnalysis scope)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(scope);
        var free = new HashSet<Identifier>(scope.FreeReferences.Select(r => r.Identifier), ReferenceEqualityComparer.Instance);
        if (free.Count == 0)
        {
            return [];
        }

        var findings = new List<(int Start, int Index, SesCompatFinding Finding)>();
        foreach (var node in facts.MemberMutationCandidates)
        {
            switch (node)
            {
                case AssignmentExpression { Left: MemberExpression target } assignment:
                    Report(findings, assignment, IntrinsicTarget(target, free), "assigning to {0} will throw a TypeError after lockdown: SES freezes the shared intrinsics, so {1} cannot be changed");
                    break;
                case UpdateExpression { Argument: MemberExpression target } update:
                    Report(findings, update, IntrinsicTarget(target, free), "updating {0} will throw a TypeError after lockdown: SES freezes the shared intrinsics, so {1} cannot be changed");
                    break;
                case CallExpression { Callee: MemberExpression callee, Arguments.Count: > 0 } call
                    when call.Arguments[0] is Expression first:
                    if (MutatorName(callee, free) is { } mutator && Path(first, free) is { } objectPath)
                    {
                        var returnsFalse = mutator.StartsWith("Reflect.", StringComparison.Ordinal);
                        var template = returnsFalse
                            ? mutator + " on {0} will fail (return false) after lockdown: SES freezes the shared intrinsics"
                            : mutator + " on {0} will throw a TypeError after lockdown: SES freezes the shared intrinsics";
                        Report(findings, call, (objectPath, objectPath), template);
                    }

                    break;
            }
        }

        if (findings.Count == 0)
        {
            return [];
        }

        // By position. A finding's target is a path of names, so no two findings start at one offset; the walk index
        // still breaks ties, so the order is total whatever the shapes.
        var sorted = OrdinalOrder.By(findings, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));
        var ordered = ImmutableArray.CreateBuilder<SesCompatFinding>(sorted.Length);
        foreach (var (_, _, finding) in sorted)
        {
            ordered.Add(finding);
        }

        return ordered.MoveToImmutable();
    }

    private static void Report(List<(int Start, int Index, SesCompatFinding Finding)> findings, Node node, (string Target, string Frozen)? target, string template)
    {
        if (target is not { } found || AssignableAccessors.Contains(found.Target))
        {
            return;
        }

        var message = template.Replace("{0}", found.Target, StringComparison.Ordinal).Replace("{1}", found.Frozen, StringComparison.Ordinal);
        findings.Add((node.Start, findings.Count, new SesCompatFinding(node.Location.Start.Line, node.Location.Start.Column + 1, message) { Target = found.Target }));
    }

    /// <summary>For <c>X.….key</c> whose object is an intrinsic path, the full path (computed keys as <c>[…]</c>) and the frozen object's path.</summary>
    private static (string Target, string Frozen)? IntrinsicTarget(MemberExpression member, HashSet<Identifier> free)
    {
        if (Path(member.Object, free) is not { } objectPath)
        {
            return null;
        }

        var key = member switch
        {
            { IsComputed: false, Property: Identifier name } => "." + name.Name,
            { IsComputed: false, Property: PrivateIdentifier } => null, // a class's own private field, never an intrinsic's
            { IsComputed: true, Property: Literal { StringValue: { } text } } when IsIdentifierLike(text) => "." + text,
            _ => "[…]",
        };
        return key is null ? null : (objectPath + key, objectPath);
    }

    /// <summary>
    /// The dotted path of an expression that denotes an intrinsic: a free intrinsic name, optionally behind free
    /// global aliases, then non-computed or string-literal keys. Null for anything else.
    /// </summary>
    private static string? Path(Node node, HashSet<Identifier> free)
    {
        var keys = new List<string>();
        while (node is MemberExpression member)
        {
            var key = member switch
            {
                { IsComputed: false, Property: Identifier name } => name.Name,
                { IsComputed: true, Property: Literal { StringValue: { } text } } when IsIdentifierLike(text) => text,
                _ => null,
            };
            if (key is null)
            {
                return null;
            }

            keys.Add(key);
            node = member.Object;
        }

        if (node is not Identifier root || !free.Contains(root))
        {
            return null;
        }

        keys.Add(root.Name);
        keys.Reverse();
        var start = 0;
        while (start < keys.Count - 1 && GlobalUsageAnalyzer.GlobalAliases.Contains(keys[start]))
        {
            start++;
        }

        if (!Intrinsics.Contains(keys[start]))
        {
            return null;
        }

        var path = new StringBuilder(keys[start]);
        for (var i = start + 1; i < keys.Count; i++)
        {
            path.Append('.').Append(keys[i]);
        }

        return path.ToString();
    }

    private static string? MutatorName(MemberExpression callee, HashSet<Identifier> free)
    {
        if (callee.IsComputed || callee.Property is not Identifier method || Path(callee.Object, free) is not { } owner)
        {
            return null;
        }

        return owner switch
        {
            "Object" when ObjectMutators.Contains(method.Name) => "Object." + method.Name,
            "Reflect" when ReflectMutators.Contains(method.Name) => "Reflect." + method.Name,
            _ => null,
        };
    }

    private static bool IsIdentifierLike(string text) =>
        text.Length > 0 && !text.Contains('.', StringComparison.Ordinal);
}
