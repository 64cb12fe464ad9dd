using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Analysis;

/// <summary>
/// What the later steps need to know about a module's syntax, from one walk over its tree: the imports the graph
/// resolves (<see cref="ImportFinder"/>), the nodes the SES-compatibility check looks at
/// (<see cref="SesCompatAnalyzer"/>), and what the transform rewrites. Each of them used to walk the whole tree
/// itself; the graph stage now walks it once per module and hands this to all three.
/// </summary>
public sealed class SyntaxFacts
{
    private readonly List<(int Start, int End)> _textRanges = [];
    private readonly ScopeAnalysis _scope;

    private SyntaxFacts(ScopeAnalysis scope) => _scope = scope;

    /// <summary>Every place the module names another, in source order (see <see cref="ImportFinder"/>).</summary>
    public List<ModuleImport> Imports { get; } = [];

    /// <summary>Assignments and updates of a member (<c>a.b = …</c>, <c>a.b++</c>) and calls of a member with an
    /// argument (<c>a.b(x)</c>): the only shapes a primordial mutation can take.</summary>
    public List<Expression> MemberMutationCandidates { get; } = [];

    internal HashSet<Identifier> Callees { get; } = new(ReferenceEqualityComparer.Instance);

    internal Dictionary<Identifier, Property> Shorthands { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The local names of <c>export { … }</c> specifiers (the statements are removed, not rewritten).</summary>
    internal HashSet<Identifier> ExportedLocals { get; } = new(ReferenceEqualityComparer.Instance);

    internal List<ImportExpression> ImportExpressions { get; } = [];

    /// <summary>Identifiers that are the object of a member access with a name known at build time (<c>ns.x</c>,
    /// <c>ns["x"]</c>), and that name.</summary>
    internal Dictionary<Identifier, string> MemberReads { get; } = new(ReferenceEqualityComparer.Instance);

    internal List<MetaProperty> ImportMetas { get; } = [];

    /// <summary>Walks <paramref name="program"/> once; <paramref name="scope"/> tells a free <c>require</c> from a local one.</summary>
    public static SyntaxFacts Collect(Program program, ScopeAnalysis scope)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(scope);
        var facts = new SyntaxFacts(scope);
        facts.Visit(program);
        // Text ranges never overlap, so their starts differ. A comparison, not the default comparer: that one is
        // found by reflection at run time and its code was compiled in every build.
        facts._textRanges.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return facts;
    }

    /// <summary>True when the offset is inside a string, template chunk or regular expression.</summary>
    public bool IsInsideText(int offset)
    {
        var low = 0;
        var high = _textRanges.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var (start, end) = _textRanges[mid];
            if (offset < start)
            {
                high = mid - 1;
            }
            else if (offset >= end)
            {
                low = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    // Pre-order, children in source order: the imports come out in source order.
    private void Visit(Node node)
    {
        // By node type (one jump) rather than by a chain of type tests: this runs on every node of every module.
        switch (node.Type)
        {
            case NodeType.CallExpression:
                var call = (CallExpression)node;
                if (call.Callee is Identifier callee)
                {
                    Callees.Add(callee);
                    // Only the free `require` is CommonJS's: a local function named require is just a function.
                    if (callee.Name == "require"
                        && call.Arguments.Count >= 1
                        && call.Arguments[0] is Expression argument
                        && _scope.GetReference(callee) is { IsFree: true })
                    {
                        AddImport(argument, ImportKind.Require);
                    }
                }
                else if (call.Callee is MemberExpression && call.Arguments.Count > 0)
                {
                    MemberMutationCandidates.Add(call);
                }

                break;
            case NodeType.AssignmentExpression when ((AssignmentExpression)node).Left is MemberExpression:
            case NodeType.UpdateExpression when ((UpdateExpression)node).Argument is MemberExpression:
                MemberMutationCandidates.Add((Expression)node);
                break;
            case NodeType.TaggedTemplateExpression when ((TaggedTemplateExpression)node).Tag is Identifier tag:
                Callees.Add(tag);
                break;
            case NodeType.Property when node is Property { IsShorthand: true, Value: Identifier value } property:
                Shorthands[value] = property;
                break;
            case NodeType.ExportSpecifier when ((ExportSpecifier)node).Local is Identifier local:
                ExportedLocals.Add(local);
                break;
            case NodeType.ImportDeclaration:
                AddImport(((ImportDeclaration)node).Source, ImportKind.Import);
                break;
            case NodeType.ExportNamedDeclaration when ((ExportNamedDeclaration)node).Source is { } source:
                AddImport(source, ImportKind.ExportFrom);
                break;
            case NodeType.ExportAllDeclaration:
                AddImport(((ExportAllDeclaration)node).Source, ImportKind.ExportFrom);
                break;
            case NodeType.ImportExpression:
                var import = (ImportExpression)node;
                ImportExpressions.Add(import);
                AddImport(import.Source, ImportKind.DynamicImport);
                break;
            case NodeType.MemberExpression:
                switch ((MemberExpression)node)
                {
                    case { Object: Identifier target, IsComputed: false, Property: Identifier property }:
                        MemberReads[target] = property.Name;
                        break;
                    case { Object: Identifier target, IsComputed: true, Property: Literal { Value: string key } }:
                        MemberReads[target] = key;
                        break;
                }

                break;
            case NodeType.MetaProperty when node is MetaProperty { Meta.Name: "import" } meta:
                ImportMetas.Add(meta);
                break;
            case NodeType.Literal when node is Literal literal && (literal.Value is string || literal.Regex is not null):
                _textRanges.Add((literal.Start, literal.End));
                break;
            case NodeType.TemplateElement:
                _textRanges.Add((node.Start, node.End));
                break;
        }

        foreach (var child in node.ChildNodes())
        {
            Visit(child);
        }
    }

    private void AddImport(Node specifier, ImportKind kind) =>
        Imports.Add(new ModuleImport(StaticString(specifier), kind, specifier.Location.Start));

    // A string literal, or a template literal without substitutions (`require(`./x`)` is common in transpiled
    // code): both are known at build time.
    private static string? StaticString(Node node) => node switch
    {
        Literal { Value: string text } => text,
        TemplateLiteral { Expressions.Count: 0, Quasis: [var only] } => only.Value.Cooked,
        _ => null,
    };
}
