using System.Collections.Immutable;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Transform;

/// <summary>Where an export's value comes from (ECMA-262's ExportEntry records, after imports are folded in).</summary>
internal abstract record ExportSource;

/// <summary>A binding declared in this module (<c>export let x</c>, <c>export { x }</c>, <c>export default</c>).</summary>
internal sealed record LocalExport(string LocalName) : ExportSource;

/// <summary>Another module's export, re-exported (<c>export { x } from</c>, or an imported name exported again).</summary>
internal sealed record IndirectExport(string Specifier, string ImportName, Node At) : ExportSource;

/// <summary>Another module's namespace (<c>export * as ns from</c>, or <c>import * as ns</c> exported again).</summary>
internal sealed record NamespaceExport(string Specifier) : ExportSource;

/// <summary>One imported local name: <c>import { ImportName as local } from Specifier</c>; "*" for a namespace import.</summary>
internal sealed record ImportBinding(string LocalName, string Specifier, string ImportName, Node At);

/// <summary>
/// What an ES module imports and exports, read once from its AST: the static facts the linker needs before any
/// module is transformed (export names through <c>export *</c>, import checks, which modules are async).
/// </summary>
internal sealed record ModuleInterface(
    ImmutableDictionary<string, ImportBinding> Imports,
    ImmutableDictionary<string, ExportSource> Exports,
    ImmutableArray<string> StarSpecifiers,
    ImmutableArray<string> Requests,
    bool HasTopLevelAwait)
{
    public const string Namespace = "*";

    public static ModuleInterface Read(Program program)
    {
        var imports = ImmutableDictionary.CreateBuilder<string, ImportBinding>(StringComparer.Ordinal);
        var exports = ImmutableDictionary.CreateBuilder<string, ExportSource>(StringComparer.Ordinal);
        var stars = ImmutableArray.CreateBuilder<string>();
        var requests = new List<string>();
        var localExports = new List<(string Exported, string Local, Node At)>();

        void Request(string specifier)
        {
            if (!requests.Contains(specifier, StringComparer.Ordinal))
            {
                requests.Add(specifier);
            }
        }

        foreach (var statement in program.Body)
        {
            switch (statement)
            {
                case ImportDeclaration import:
                    {
                        var specifier = import.Source.StringValue!;
                        Request(specifier);
                        foreach (var node in import.Specifiers)
                        {
                            var binding = node switch
                            {
                                ImportDefaultSpecifier d => new ImportBinding(d.Local.Name, specifier, "default", d),
                                ImportNamespaceSpecifier n => new ImportBinding(n.Local.Name, specifier, Namespace, n),
                                ImportSpecifier s => new ImportBinding(s.Local.Name, specifier, NameOf(s.Imported), s),
                                _ => throw new InvalidOperationException($"unexpected import specifier {node.Type}"),
                            };
                            imports[binding.LocalName] = binding;
                        }

                        break;
                    }

                case ExportNamedDeclaration named when named.Source is { } source:
                    {
                        var specifier = source.StringValue!;
                        Request(specifier);
                        foreach (var s in named.Specifiers)
                        {
                            var importName = NameOf(s.Local);
                            exports[NameOf(s.Exported)] = new IndirectExport(specifier, importName, s);
                        }

                        break;
                    }

                case ExportNamedDeclaration named when named.Declaration is { } declaration:
                    foreach (var name in DeclaredNames(declaration))
                    {
                        localExports.Add((name, name, declaration));
                    }

                    break;

                case ExportNamedDeclaration named:
                    foreach (var s in named.Specifiers)
                    {
                        localExports.Add((NameOf(s.Exported), NameOf(s.Local), s));
                    }

                    break;

                case ExportDefaultDeclaration exportDefault:
                    var local = exportDefault.Declaration switch
                    {
                        FunctionDeclaration { Id: { } id } => id.Name,
                        ClassDeclaration { Id: { } id } => id.Name,
                        _ => DefaultLocal,
                    };
                    localExports.Add(("default", local, exportDefault));
                    break;

                case ExportAllDeclaration all:
                    {
                        var specifier = all.Source.StringValue!;
                        Request(specifier);
                        if (all.Exported is { } exported)
                        {
                            exports[NameOf(exported)] = new NamespaceExport(specifier);
                        }
                        else
                        {
                            stars.Add(specifier);
                        }

                        break;
                    }
            }
        }

        // An exported import is an indirect export of what it imports (ECMA-262 ParseModule, step 10).
        foreach (var (exported, local, at) in localExports)
        {
            exports[exported] = imports.TryGetValue(local, out var binding)
                ? binding.ImportName == Namespace
                    ? new NamespaceExport(binding.Specifier)
                    : new IndirectExport(binding.Specifier, binding.ImportName, at)
                : new LocalExport(local);
        }

        return new ModuleInterface(imports.ToImmutable(), exports.ToImmutable(), stars.ToImmutable(), [.. requests], TopLevelAwait.Find(program));
    }

    /// <summary>Placeholder for the default export's local binding; the transform names the real one.</summary>
    public const string DefaultLocal = "*default*";

    public static string NameOf(Node node) => node switch
    {
        Identifier id => id.Name,
        Literal literal => literal.StringValue!,
        _ => throw new InvalidOperationException($"unexpected module export name {node.Type}"),
    };

    public static IEnumerable<string> DeclaredNames(Node declaration)
    {
        switch (declaration)
        {
            case FunctionDeclaration { Id: { } id }:
                yield return id.Name;
                break;
            case ClassDeclaration { Id: { } id }:
                yield return id.Name;
                break;
            case VariableDeclaration variables:
                foreach (var declarator in variables.Declarations)
                {
                    foreach (var name in PatternNames(declarator.Id))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> PatternNames(Node pattern)
    {
        switch (pattern)
        {
            case Identifier id:
                yield return id.Name;
                break;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                {
                    var target = property switch
                    {
                        Property p => p.Value,
                        RestElement r => r.Argument,
                        _ => property,
                    };
                    foreach (var name in PatternNames(target))
                    {
                        yield return name;
                    }
                }

                break;
            case ArrayPattern array:
                foreach (var element in array.Elements)
                {
                    if (element is null)
                    {
                        continue;
                    }

                    foreach (var name in PatternNames(element))
                    {
                        yield return name;
                    }
                }

                break;
            case AssignmentPattern assignment:
                foreach (var name in PatternNames(assignment.Left))
                {
                    yield return name;
                }

                break;
            case RestElement rest:
                foreach (var name in PatternNames(rest.Argument))
                {
                    yield return name;
                }

                break;
        }
    }

    // `await` (or `for await`, `await using`) outside every function: the module is async.
    private static class TopLevelAwait
    {
        public static bool Find(Node node)
        {
            switch (node)
            {
                case AwaitExpression:
                    return true;
                case ForOfStatement { IsAwait: true }:
                    return true;
                case VariableDeclaration { Kind: VariableDeclarationKind.AwaitUsing }:
                    return true;
                case FunctionDeclaration or FunctionExpression or ArrowFunctionExpression:
                    // Method bodies and field initialisers are functions too; the language forbids `await` in
                    // static blocks, so only functions need stopping at.
                    return false;
            }

            foreach (var child in node.ChildNodes())
            {
                if (Find(child))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
