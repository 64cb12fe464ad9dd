using System.Collections.Frozen;
using System.Collections.Immutable;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Analysis;

/// <summary>
/// Finds the global member paths one module reads and writes, the way lavamoat-core's policy generation
/// (lavamoat-tofu <c>inspectGlobals</c>, called from <c>generatePolicy</c>) records them, so our generated
/// policies match LavaMoat's. The rules, each checked against the real package by
/// <c>LavamoatCoreOracleTests</c>:
/// <list type="bullet">
/// <item>Every free reference starts a path: its name, then the property names of the unbroken chain of
/// non-computed member accesses it is the object of. A call, a non-literal computed access or any other
/// parent ends the chain (<c>document.createElement('a').x</c> gives <c>document.createElement</c>).</item>
/// <item>A leading global alias (<see cref="GlobalAliases"/>) is dropped once; a bare alias is no use at all.</item>
/// <item>A use is a write only when the identifier itself, or its first member access, is the left side of an
/// assignment (any operator). LavaMoat tests the innermost member, so <c>window.foo = 1</c> and <c>foo.bar = 1</c>
/// are writes but <c>window.foo.bar = 1</c> reads <c>foo.bar</c>; we keep that, since the kernel supports no
/// nested writes anyway. <c>x++</c>, <c>delete x.y</c> and <c>for (x in o)</c> are reads.</item>
/// <item>A path that initialises a destructuring declaration is expanded by the pattern's keys
/// (<c>const {a, b: {c}} = window.api</c> gives <c>api.a</c>, <c>api.b.c</c>); a rest element or computed key
/// keeps the whole object.</item>
/// <item>Paths whose first segment the compartment already provides (<see cref="CompartmentGlobals.Names"/>),
/// <c>this</c>/<c>arguments</c>/<c>undefined</c>, the CommonJS names of a script and the names on
/// <c>Object.prototype</c> are ignored.</item>
/// <item>The per-module result keeps a path only when none of its ancestors is present (<c>document</c> absorbs
/// <c>document.title</c>), and a path is a write when any use of exactly that path writes it.</item>
/// </list>
/// Where we deliberately differ from LavaMoat, it is to see reads that LavaMoat misses (and a policy would then
/// lack): a computed member with a string literal key continues the path (<c>window['fetch']</c>), and a free
/// identifier used as a computed key (<c>o[foo]</c>, <c>{ [foo]: 1 }</c>) or as a rest target is a read.
/// </summary>
public static class GlobalUsageAnalyzer
{
    /// <summary>The names lavamoat-core treats as the global object itself (<c>DEFAULT_GLOBAL_THIS_REFS</c>).</summary>
    public static FrozenSet<string> GlobalAliases { get; } = FrozenSet.ToFrozenSet(
        ["window", "self", "global", "globalThis", "top", "frames", "parent"], StringComparer.Ordinal);

    // Language names that are never globals, and the names every object (so the compartment's global) inherits
    // from Object.prototype: lavamoat-core ignores both sets for every module.
    private static readonly FrozenSet<string> AlwaysIgnored = FrozenSet.ToFrozenSet(
    [
        "this", "arguments", "undefined",
        "constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
        "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString",
    ], StringComparer.Ordinal);

    // The CommonJS wrapper provides these to scripts; lavamoat-core ignores them only in the script goal.
    private static readonly FrozenSet<string> ScriptModuleNames = FrozenSet.ToFrozenSet(
        ["require", "module", "exports"], StringComparer.Ordinal);

    public static GlobalUsage Analyze(Program program, ScopeAnalysis scope) => Analyze(program, scope, reproduceLavaMoatGaps: false);

    /// <summary>
    /// With <paramref name="reproduceLavaMoatGaps"/>, our extensions are turned off so the result can be compared
    /// with lavamoat-core's exactly (the oracle tests); the bundler never sets it.
    /// </summary>
    internal static GlobalUsage Analyze(Program program, ScopeAnalysis scope, bool reproduceLavaMoatGaps)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.FreeReferences.Count == 0)
        {
            return GlobalUsage.Empty;
        }

        var isScript = program.SourceType == SourceType.Script;

        // A name the compartment provides (Object, Array, console…) can never be a path's first segment (see Add),
        // unless it is a global alias, whose next segment decides: most free references end here.
        var candidates = new HashSet<Identifier>(ReferenceEqualityComparer.Instance);
        foreach (var reference in scope.FreeReferences)
        {
            var name = reference.Identifier.Name;
            if (!IsIgnored(name, isScript) && (GlobalAliases.Contains(name) || !CompartmentGlobals.Names.Contains(name)))
            {
                candidates.Add(reference.Identifier);
            }
        }

        if (candidates.Count == 0)
        {
            return GlobalUsage.Empty;
        }

        var parents = BuildParentMap(program, candidates);
        var occurrences = ImmutableArray.CreateBuilder<GlobalOccurrence>();
        var segments = new List<string>();
        foreach (var reference in scope.FreeReferences)
        {
            var identifier = reference.Identifier;
            if (!candidates.Contains(identifier) || !IsUse(identifier, parents, reproduceLavaMoatGaps))
            {
                continue;
            }

            segments.Clear();
            segments.Add(identifier.Name);
            var (innermost, top) = FollowChain(identifier, parents, segments, reproduceLavaMoatGaps);

            // A write is decided on the innermost member (or the identifier), exactly as LavaMoat does.
            var chainParent = ParentSkippingChains(innermost, parents);
            var access = chainParent is AssignmentExpression assignment && ReferenceEquals(Unwrap(assignment.Left), innermost)
                ? GlobalUseKind.Write
                : GlobalUseKind.Read;

            var skip = GlobalAliases.Contains(segments[0]) ? 1 : 0;

            // Destructuring is recognised only when the innermost member initialises the declarator (LavaMoat's
            // quirk: `const {a} = x.y.z` is the read `x.y.z`, not `x.y.z.a`).
            if (chainParent is VariableDeclarator { Id: ObjectPattern or ArrayPattern } declarator
                && ReferenceEquals(innermost, top))
            {
                var keys = new List<List<string>>();
                CollectPatternKeys(declarator.Id, keys, reproduceLavaMoatGaps);
                foreach (var key in keys)
                {
                    var full = new List<string>(segments.Count - skip + key.Count);
                    for (var i = skip; i < segments.Count; i++)
                    {
                        full.Add(segments[i]);
                    }

                    full.AddRange(key);
                    Add(occurrences, full, 0, access, identifier, isScript);
                }
            }
            else
            {
                Add(occurrences, segments, skip, access, identifier, isScript);
            }
        }

        return new GlobalUsage(occurrences.ToImmutable(), Collapse(occurrences));
    }

    private static bool IsIgnored(string name, bool isScript) =>
        AlwaysIgnored.Contains(name) || (isScript && ScriptModuleNames.Contains(name));

    private static void Add(
        ImmutableArray<GlobalOccurrence>.Builder occurrences, List<string> segments, int skip, GlobalUseKind access, Identifier identifier, bool isScript)
    {
        if (segments.Count <= skip)
        {
            // A bare `window` (typeof window, window === undefined) only tests for the global object.
            return;
        }

        var first = segments[skip];
        if (CompartmentGlobals.Names.Contains(first) || IsIgnored(first, isScript))
        {
            return;
        }

        var path = string.Join('.', System.Runtime.InteropServices.CollectionsMarshal.AsSpan(segments)[skip..]);
        occurrences.Add(new GlobalOccurrence(path, access, identifier.Location.Start));
    }

    /// <summary>
    /// Excludes the free identifiers LavaMoat does not count as uses. We agree on an export specifier's local name (an
    /// undeclared export is an early error in a module anyway); LavaMoat also skips every key position, computed or
    /// not, and rest targets, which are real reads we keep unless asked to reproduce the gap.
    /// </summary>
    private static bool IsUse(Identifier identifier, Dictionary<Node, Node> parents, bool reproduceLavaMoatGaps)
    {
        if (!parents.TryGetValue(identifier, out var parent))
        {
            return true;
        }

        if (parent is ExportSpecifier)
        {
            return false;
        }

        return !reproduceLavaMoatGaps || parent switch
        {
            MemberExpression { IsComputed: true } member => !ReferenceEquals(member.Property, identifier),
            Property { IsComputed: true } property => !ReferenceEquals(property.Key, identifier),
            PropertyDefinition { IsComputed: true } property => !ReferenceEquals(property.Key, identifier),
            MethodDefinition { IsComputed: true } method => !ReferenceEquals(method.Key, identifier),
            RestElement => false,
            _ => true,
        };
    }

    /// <summary>
    /// Walks up from <paramref name="identifier"/> through the member accesses it is the object of, adding their keys
    /// to <paramref name="segments"/>. Returns the innermost member (the identifier when there is none) and the
    /// outermost node of the chain.
    /// </summary>
    private static (Node Innermost, Node Top) FollowChain(
        Identifier identifier, Dictionary<Node, Node> parents, List<string> segments, bool reproduceLavaMoatGaps)
    {
        Node current = identifier;
        Node? innermost = null;
        while (ParentSkippingChains(current, parents) is MemberExpression member && ReferenceEquals(Unwrap(member.Object), current))
        {
            var key = KeyOf(member, reproduceLavaMoatGaps);
            if (key is null)
            {
                break;
            }

            segments.Add(key);
            innermost ??= member;
            current = member;
        }

        return (innermost ?? identifier, current);
    }

    private static string? KeyOf(MemberExpression member, bool reproduceLavaMoatGaps)
    {
        if (!member.IsComputed)
        {
            return member.Property switch
            {
                Identifier name => name.Name,
                PrivateIdentifier name => "#" + name.Name,
                _ => null,
            };
        }

        if (reproduceLavaMoatGaps)
        {
            return null;
        }

        // Our extension: a string literal key names the property as surely as a dotted one. A key holding a dot
        // (or nothing) cannot be written as a policy path segment, so it ends the path.
        return member.Property is Literal { StringValue: { Length: > 0 } text } && !text.Contains('.', StringComparison.Ordinal)
            ? text
            : null;
    }

    // ESTree wraps an optional chain in a ChainExpression; Babel, which LavaMoat uses, has no such node, so the
    // chain `(a?.b).c` continues through it there and must here too.
    private static Node? ParentSkippingChains(Node node, Dictionary<Node, Node> parents)
    {
        var parent = parents.GetValueOrDefault(node);
        while (parent is ChainExpression chain)
        {
            parent = parents.GetValueOrDefault(chain);
        }

        return parent;
    }

    private static Node Unwrap(Node node) => node is ChainExpression chain ? Unwrap(chain.Expression) : node;

    /// <summary>The key paths a destructuring pattern reads: an empty key means "the whole value".</summary>
    private static void CollectPatternKeys(Node pattern, List<List<string>> keys, bool reproduceLavaMoatGaps)
    {
        switch (pattern)
        {
            case ObjectPattern objectPattern:
                foreach (var property in objectPattern.Properties)
                {
                    if (property is not Property { IsComputed: false } plain
                        || (NonComputedKey(plain.Key) is null && !reproduceLavaMoatGaps))
                    {
                        // A rest element or a computed key: nothing narrower than the whole object can be named.
                        keys.Add([]);
                        return;
                    }
                }

                foreach (var property in objectPattern.Properties)
                {
                    var plain = (Property)property;
                    var key = reproduceLavaMoatGaps ? (plain.Key as Identifier)?.Name : NonComputedKey(plain.Key);

                    // LavaMoat names only identifier keys and silently drops the others.
                    if (key is not null)
                    {
                        AddPrefixed(key, plain.Value, keys, reproduceLavaMoatGaps);
                    }
                }

                break;

            case ArrayPattern arrayPattern:
                foreach (var element in arrayPattern.Elements)
                {
                    if (element is RestElement)
                    {
                        keys.Add([]);
                        return;
                    }
                }

                for (var i = 0; i < arrayPattern.Elements.Count; i++)
                {
                    if (arrayPattern.Elements[i] is { } element)
                    {
                        AddPrefixed(i.ToString(System.Globalization.CultureInfo.InvariantCulture), element, keys, reproduceLavaMoatGaps);
                    }
                }

                break;

            default:
                // An identifier or a default value: the whole value.
                keys.Add([]);
                break;
        }
    }

    private static void AddPrefixed(string key, Node value, List<List<string>> keys, bool reproduceLavaMoatGaps)
    {
        var inner = new List<List<string>>();
        CollectPatternKeys(value, inner, reproduceLavaMoatGaps);
        foreach (var tail in inner)
        {
            tail.Insert(0, key);
            keys.Add(tail);
        }
    }

    // LavaMoat names a pattern key only when it is an identifier; we also take a string literal key (our extension),
    // and treat any other key as computed so the whole object is kept rather than the read lost.
    private static string? NonComputedKey(Node key) => key switch
    {
        Identifier name => name.Name,
        Literal { StringValue: { Length: > 0 } text } when !text.Contains('.', StringComparison.Ordinal) => text,
        _ => null,
    };

    /// <summary>lavamoat-tofu's <c>addGlobalUsage</c> (a write wins) then <c>reduceToTopmostApiCalls</c>.</summary>
    private static ImmutableArray<GlobalUse> Collapse(ImmutableArray<GlobalOccurrence>.Builder occurrences)
    {
        var access = new Dictionary<string, GlobalUseKind>(StringComparer.Ordinal);
        foreach (var occurrence in occurrences)
        {
            if (occurrence.Access == GlobalUseKind.Write || !access.ContainsKey(occurrence.Path))
            {
                access[occurrence.Path] = occurrence.Access;
            }
        }

        // Every occurrence is credited to the shortest present prefix of its path, which is the entry that survives.
        var positions = new Dictionary<string, ImmutableArray<Position>.Builder>(StringComparer.Ordinal);
        foreach (var occurrence in occurrences)
        {
            var kept = ShortestPresentPrefix(occurrence.Path, access);
            if (!positions.TryGetValue(kept, out var list))
            {
                list = ImmutableArray.CreateBuilder<Position>();
                positions.Add(kept, list);
            }

            list.Add(occurrence.Position);
        }

        var paths = new List<string>(positions.Keys);
        paths.Sort(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<GlobalUse>(paths.Count);
        foreach (var path in paths)
        {
            result.Add(new GlobalUse(path, access[path], positions[path].ToImmutable()));
        }

        return result.MoveToImmutable();
    }

    private static string ShortestPresentPrefix(string path, Dictionary<string, GlobalUseKind> present)
    {
        for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = path.IndexOf('.', dot + 1))
        {
            var prefix = path[..dot];
            if (present.ContainsKey(prefix))
            {
                return prefix;
            }
        }

        return path;
    }

    // Our AST has no parent links. One iterative pass (no recursion, so any depth the parser accepts works) keeps
    // the path from the root to the node it is at, and records parents only along the paths to the candidates:
    // a map of every node of a large module cost more than the rest of the analysis.
    private static Dictionary<Node, Node> BuildParentMap(Program program, HashSet<Identifier> candidates)
    {
        var parents = new Dictionary<Node, Node>(ReferenceEqualityComparer.Instance);
        var path = new List<Node>();
        var pending = new Stack<(Node Node, int Depth)>();
        pending.Push((program, 0));
        while (pending.TryPop(out var item))
        {
            path.RemoveRange(item.Depth, path.Count - item.Depth);
            path.Add(item.Node);
            if (item.Node is Identifier identifier && candidates.Contains(identifier))
            {
                // Upwards until a node already recorded: its ancestors were recorded with it.
                for (var i = path.Count - 1; i > 0 && parents.TryAdd(path[i], path[i - 1]); i--)
                {
                }
            }

            foreach (var child in item.Node.ChildNodes())
            {
                pending.Push((child, item.Depth + 1));
            }
        }

        return parents;
    }
}
