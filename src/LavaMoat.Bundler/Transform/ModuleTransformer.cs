using System.Collections.Immutable;
using System.Text;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Graph;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Transform;

/// <summary>
/// Turns one module of the graph into the body of its module function (<see cref="ModuleRecord"/>), editing the
/// original text so the source map stays exact:
/// <list type="bullet">
/// <item>CommonJS stays as written; free <c>process</c>/<c>Buffer</c> get their polyfills; <c>import()</c>
/// becomes the kernel's policy-checked loader; HTML-like comments become line comments.</item>
/// <item>ES modules lose their import/export syntax; a header asks the kernel for each dependency's binding
/// source, defines the namespace getters (so cycles see hoisted functions, and <c>let</c>/<c>const</c> keep
/// their TDZ), and runs the dependencies in order; every reference to an imported name becomes a member read
/// of its source, so bindings are live (<c>(0, ns.f)()</c> keeps <c>this</c> undefined in calls).</item>
/// <item>JSON becomes <c>module.exports = …</c>.</item>
/// </list>
/// The calling convention is documented in runtime-js/kernel.js (makeHelper).
/// </summary>
/// <remarks>
/// The work is split in two so that no stage holds every module's syntax tree: <see cref="Prepare"/> runs on the
/// tree right after the graph stage parsed the module (and the tree is dropped after it); <see cref="Transform"/>
/// finishes once the graph is complete and linked. A script is finished by <see cref="Prepare"/> alone; an ES
/// module leaves the text of its imported references (a member of an ES namespace, or of a CommonJS interop cell,
/// depending on what the imported module turned out to be) and its header for the second half.
/// </remarks>
internal sealed class ModuleTransformer(ModuleGraph graph, EsmLinker linker)
{
    public const string EmptyPackageName = "$empty$";

    /// <summary>The syntax-tree half of the transform.</summary>
    public static PreparedTransform Prepare(ParsedModule module) =>
        module.Format == ModuleFormat.EsModule ? PrepareModule(module) : PrepareScript(module);

    /// <summary>The second half: the module's record, from what <see cref="Prepare"/> left (JavaScript modules).</summary>
    public (ModuleRecord Record, ImmutableArray<BuildDiagnostic> Diagnostics) Transform(GraphModule module, PreparedTransform? prepared)
    {
        var dependencies = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var edge in module.Dependencies)
        {
            dependencies[edge.Specifier] = edge.Target;
        }

        var package = module.Package ?? EmptyPackageName;
        switch (module.Format)
        {
            case ModuleFormat.Empty:
                return (new ModuleRecord(module.Id, EmptyPackageName, module.Path, dependencies, "", null), []);
            case ModuleFormat.Json:
                {
                    var edits = new SourceEdits(module.Source);
                    // A "__proto__" key in an object literal would set the prototype; JSON.parse defines a property.
                    if (module.Source.Contains("__proto__", StringComparison.Ordinal))
                    {
                        edits.Replace(0, module.Source.Length, "module.exports = JSON.parse(" + JsText.String(module.Source) + ");");
                    }
                    else
                    {
                        edits.Prepend("module.exports = ");
                        edits.Insert(module.Source.Length, ";");
                    }

                    var (code, mappings) = edits.Apply();
                    return (new ModuleRecord(module.Id, package, module.Path, dependencies, code, new ModuleSource(module.FileText, mappings)), []);
                }

            case ModuleFormat.CommonJs:
                {
                    var script = prepared as PreparedScript ?? throw new InvalidOperationException($"{module.Path}: not prepared as a script");
                    var source = script.Mappings is null ? ModuleSource.Identity(module.FileText) : new ModuleSource(module.FileText, script.Mappings);
                    return (new ModuleRecord(module.Id, package, module.Path, dependencies, script.Code, source) { HelperName = script.HelperName, ParsedAsWrapperBody = script.ParsedAsWrapperBody }, []);
                }

            case ModuleFormat.EsModule:
                return FinishModule(module, package, dependencies, prepared as PreparedEsModule ?? throw new InvalidOperationException($"{module.Path}: not prepared as an ES module"));
            default:
                throw new InvalidOperationException($"unknown module format {module.Format}");
        }
    }

    private static PreparedScript PrepareScript(ParsedModule module)
    {
        var program = module.Program;
        var facts = module.Facts;
        var edits = new SourceEdits(module.Source);
        var helper = facts.ImportExpressions.Count > 0 ? ChooseHelperName(program.Names) : null;

        var prelude = new StringBuilder();
        foreach (var injected in module.InjectedGlobals)
        {
            prelude.Append("var ").Append(injected.Name).Append(" = require(").Append(JsText.String(injected.Specifier)).Append(')')
                .Append(injected.Name == "Buffer" ? ".Buffer" : "").Append("; ");
        }

        if (prelude.Length > 0)
        {
            edits.Prepend(prelude.Append('\n').ToString());
        }

        RewriteDynamicImports(module, facts, edits, helper);
        NeutralizeHashbang(module.Source, edits);

        // An HTML-like comment is a comment to the browser and to our script parse alike; a line comment keeps
        // that meaning without the syntax the bundle verifier refuses.
        foreach (var comment in program.Comments)
        {
            var text = module.Source.AsSpan(comment.Start);
            if (text.StartsWith("<!--", StringComparison.Ordinal))
            {
                edits.Replace(comment.Start, comment.Start + 4, "//  ");
            }
            else if (text.StartsWith("-->", StringComparison.Ordinal))
            {
                edits.Replace(comment.Start, comment.Start + 3, "// ");
            }
        }

        if (!edits.HasEdits)
        {
            return new PreparedScript(module.Source, null, null) { ParsedAsWrapperBody = ReadsAsWrapperBody(module) };
        }

        var (code, mappings) = edits.Apply();
        return new PreparedScript(code, mappings, helper);
    }

    /// <summary>
    /// Whether the graph stage's parse of an unedited script already proves that its text reads as the body of its
    /// wrapper function (<c>'use strict'; … function (require, module, exports) {…}</c>), so the bundle writer need
    /// not parse it again. A strict script and a strict function body differ only where the script could not have
    /// been left unedited (a hashbang, an HTML-like comment, <c>import()</c>: all rewritten above) and in one early
    /// error: a function body may not declare a parameter's name with let, const or class.
    /// </summary>
    private static bool ReadsAsWrapperBody(ParsedModule module)
    {
        if (module.Program is not { SourceType: SourceType.Script, IsStrict: true })
        {
            return false;
        }

        var topLevel = module.Scope.TopLevelScope;
        foreach (var parameter in BundleWriter.CommonJsParameters)
        {
            if (topLevel.FindVariable(parameter) is { IsLexical: true })
            {
                return false;
            }
        }

        return true;
    }

    private static void RewriteDynamicImports(ParsedModule module, SyntaxFacts facts, SourceEdits edits, string? helper)
    {
        foreach (var import in facts.ImportExpressions)
        {
            var specifier = import.Source switch
            {
                Literal { StringValue: { } value } => value,
                TemplateLiteral { Expressions.Count: 0 } template => template.Quasis[0].Value.Cooked,
                _ => null,
            };
            var bundled = specifier is not null && module.ResolvedSpecifiers.Contains(specifier);
            // Only the keyword is replaced: arguments (and an options argument) keep their text and evaluation.
            edits.Replace(import.Start, import.Start + "import".Length, helper + (bundled ? ".import" : ".u"));
        }
    }

    private static PreparedEsModule PrepareModule(ParsedModule module)
    {
        var program = module.Program;
        var scope = module.Scope;
        var face = ModuleInterface.Read(program);
        var facts = module.Facts;
        var edits = new SourceEdits(module.Source);
        var helper = ChooseHelperName(program.Names);
        var prepared = new PreparedEsModule(face, edits, helper);

        // 1. Import and export syntax goes; declarations stay without their `export`.
        foreach (var statement in program.Body)
        {
            switch (statement)
            {
                case ImportDeclaration:
                case ExportAllDeclaration:
                case ExportNamedDeclaration { Declaration: null }:
                    edits.Remove(statement.Start, statement.End);
                    break;
                case ExportNamedDeclaration { Declaration: { } declaration }:
                    edits.Remove(statement.Start, declaration.Start);
                    break;
                case ExportDefaultDeclaration { Declaration: var declaration }:
                    switch (declaration)
                    {
                        case FunctionDeclaration function:
                            edits.Remove(statement.Start, function.Start);
                            if (function.Id is null)
                            {
                                // Hoisted like any function declaration; the kernel renames it "default".
                                edits.Insert(ParamsStart(module.Source, function.Start), " " + prepared.DefaultLocal);
                                prepared.AnonymousDefault = prepared.DefaultLocal;
                            }

                            break;
                        case ClassDeclaration { Id: not null } named:
                            edits.Remove(statement.Start, named.Start);
                            break;
                        case ClassDeclaration:
                            // Named evaluation through a property key gives the class the name "default".
                            edits.Replace(statement.Start, declaration.Start, "const " + prepared.DefaultLocal + " = ({ default: ");
                            edits.Insert(declaration.End, " }).default;");
                            break;
                        default:
                            {
                                // An expression, maybe parenthesised (ESTree ranges leave the parentheses out):
                                // only the keywords are replaced, so the text after them stays whole.
                                var keywordsEnd = AfterExportDefault(module.Source, statement.Start);
                                var expressionEnd = module.Source[statement.End - 1] == ';' ? statement.End - 1 : statement.End;
                                if (declaration is FunctionExpression { Id: null } or ClassExpression { Id: null } or ArrowFunctionExpression)
                                {
                                    edits.Replace(statement.Start, keywordsEnd, "const " + prepared.DefaultLocal + " = ({ default:");
                                    edits.Insert(expressionEnd, " }).default");
                                }
                                else
                                {
                                    edits.Replace(statement.Start, keywordsEnd, "const " + prepared.DefaultLocal + " =");
                                }

                                break;
                            }
                    }

                    break;
            }
        }

        // 2. References to imported names will read the binding source; what that text is depends on the
        // imported module, so the ranges are reserved now and written by FinishModule.
        foreach (var binding in face.Imports.Values)
        {
            var local = binding.At switch
            {
                ImportSpecifier s => s.Local,
                ImportDefaultSpecifier d => d.Local,
                ImportNamespaceSpecifier n => n.Local,
                _ => throw new InvalidOperationException("unexpected import specifier"),
            };
            var variable = scope.GetDeclaredVariable(local);
            if (variable is null)
            {
                continue;
            }

            // A namespace used only as `ns.name` needs only those names (what tree shaking asks its source for).
            var members = binding.ImportName == ModuleInterface.Namespace ? new SortedSet<string>(StringComparer.Ordinal) : null;
            foreach (var reference in variable.References)
            {
                var id = reference.Identifier;
                if (facts.ExportedLocals.Contains(id))
                {
                    continue; // in an `export { x }` that step 1 removed
                }

                if (members is not null)
                {
                    if (facts.MemberReads.TryGetValue(id, out var member))
                    {
                        members.Add(member);
                    }
                    else
                    {
                        members = null;
                    }
                }

                if (facts.Shorthands.TryGetValue(id, out var property))
                {
                    prepared.References.Add(new DeferredReference(edits.ReplaceLater(property.Start, property.End), binding, ReferenceForm.Shorthand, id.Name));
                }
                else
                {
                    var form = facts.Callees.Contains(id) ? ReferenceForm.Callee : ReferenceForm.Plain;
                    prepared.References.Add(new DeferredReference(edits.ReplaceLater(id.Start, id.End), binding, form, id.Name));
                }
            }

            if (members is not null)
            {
                prepared.NamespaceMembers[binding.LocalName] = [.. members];
            }
        }

        // 3. import.meta and import().
        foreach (var meta in facts.ImportMetas)
        {
            edits.Replace(meta.Start, meta.End, helper + ".meta");
        }

        RewriteDynamicImports(module, facts, edits, helper);
        NeutralizeHashbang(module.Source, edits);
        SplitHtmlCommentLookalikes(module.Source, program, facts, edits);
        return prepared;
    }

    private (ModuleRecord, ImmutableArray<BuildDiagnostic>) FinishModule(GraphModule module, string package, IReadOnlyDictionary<string, int> dependencies, PreparedEsModule prepared)
    {
        var face = prepared.Interface;
        var edits = prepared.Edits;
        var helper = prepared.Helper;
        var diagnostics = ImmutableArray.CreateBuilder<BuildDiagnostic>();

        // Binding sources: one variable per static request (and per injected polyfill), in evaluation order.
        var requests = module.InjectedGlobals.Select(g => g.Specifier).Concat(face.Requests).Distinct(StringComparer.Ordinal).ToList();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            sources[requests[i]] = helper + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string ImportRef(string specifier, string importName)
        {
            var source = sources[specifier];
            if (linker.IsEsModule(linker.Target(module.Id, specifier)))
            {
                return importName == ModuleInterface.Namespace ? source : source + JsText.Member(importName);
            }

            return importName switch
            {
                ModuleInterface.Namespace => source + ".ns",
                "default" => source + ".d",
                _ => source + ".e" + JsText.Member(importName),
            };
        }

        void CheckImport(string specifier, string importName, Node at)
        {
            var target = linker.Target(module.Id, specifier);
            if (importName == ModuleInterface.Namespace || !linker.IsEsModule(target))
            {
                return;
            }

            var resolution = linker.ResolveExport(target, importName);
            if (resolution is null || resolution == ResolvedBinding.Ambiguous)
            {
                var why = resolution is null ? "does not provide an export named" : "provides an ambiguous export (two `export *` sources) named";
                diagnostics.Add(new BuildDiagnostic(
                    TransformCodes.MissingExport,
                    DiagnosticSeverity.Error,
                    $"the requested module \"{specifier}\" ({graph.Modules[target].Path}) {why} \"{importName}\"",
                    module.Path,
                    at.Location.Start.Line,
                    at.Location.Start.Column + 1));
            }
        }

        foreach (var binding in face.Imports.Values)
        {
            CheckImport(binding.Specifier, binding.ImportName, binding.At);
        }

        foreach (var reference in prepared.References)
        {
            var expression = ImportRef(reference.Binding.Specifier, reference.Binding.ImportName);
            edits.SetText(reference.Edit, reference.Form switch
            {
                ReferenceForm.Shorthand => reference.Name + ": " + expression,
                ReferenceForm.Callee => "(0, " + expression + ")",
                _ => expression,
            });
        }

        // 4. The header: binding sources, namespace getters, then the dependencies run.
        var getters = new List<string>();
        foreach (var (name, source) in OrdinalOrder.ByKey(face.Exports))
        {
            string expression;
            switch (source)
            {
                case LocalExport local:
                    expression = local.LocalName == ModuleInterface.DefaultLocal ? prepared.DefaultLocal : local.LocalName;
                    break;
                case IndirectExport indirect:
                    CheckImport(indirect.Specifier, indirect.ImportName, indirect.At);
                    expression = ImportRef(indirect.Specifier, indirect.ImportName);
                    break;
                case NamespaceExport ns:
                    expression = ImportRef(ns.Specifier, ModuleInterface.Namespace);
                    break;
                default:
                    throw new InvalidOperationException("unknown export source");
            }

            getters.Add(JsText.Key(name) + ": () => " + expression);
        }

        foreach (var name in linker.ExportNames(module.Id))
        {
            if (!face.Exports.ContainsKey(name) && linker.StarSourceOf(module.Id, name) is { } star)
            {
                getters.Add(JsText.Key(name) + ": () => " + ImportRef(star, name));
            }
        }

        var commonJsStars = face.StarSpecifiers.Where(s => !linker.IsEsModule(linker.Target(module.Id, s))).Select(JsText.String).ToList();
        var isAsync = linker.IsAsync(module.Id);

        var header = new StringBuilder();
        if (requests.Count > 0)
        {
            header.Append("var ").AppendJoin(", ", requests.Select(r => sources[r] + " = " + helper + ".n(" + JsText.String(r) + ")")).Append("; ");
        }

        header.Append(helper).Append(".x({").AppendJoin(", ", getters).Append("}, [").AppendJoin(", ", commonJsStars).Append(']');
        if (prepared.AnonymousDefault is not null)
        {
            header.Append(", ").Append(prepared.AnonymousDefault);
        }

        header.Append("); ");
        if (requests.Count > 0)
        {
            var run = helper + ".e([" + string.Join(", ", requests.Select(JsText.String)) + "])";
            // An async module waits only for async dependencies: `await` on nothing would still yield, and let
            // modules after it run before its own first statements (ECMA-262 runs them synchronously).
            header.Append(isAsync ? "var " + helper + "_p = " + run + "; if (" + helper + "_p !== undefined) await " + helper + "_p; " : run + "; ");
        }

        foreach (var injected in module.InjectedGlobals)
        {
            header.Append("var ").Append(injected.Name).Append(" = ").Append(sources[injected.Specifier]).Append(".e")
                .Append(injected.Name == "Buffer" ? ".Buffer" : "").Append("; ");
        }

        edits.Prepend(header.Append('\n').ToString());
        var (code, mappings) = edits.Apply();
        var record = new ModuleRecord(module.Id, package, module.Path, dependencies, code, new ModuleSource(module.FileText, mappings))
        {
            Shape = isAsync ? ModuleShape.AsyncEsModule : ModuleShape.EsModule,
            HelperName = helper,
        };
        return (record, diagnostics.ToImmutable());
    }

    // `#!` is a comment only at the very start of a file; inside the wrapper it would be a syntax error.
    private static void NeutralizeHashbang(string source, SourceEdits edits)
    {
        if (source.StartsWith("#!", StringComparison.Ordinal))
        {
            edits.Replace(0, 2, "//");
        }
    }

    // In module code `<!--` and `-->` are operators; the bundle is a classic script, where browsers read them as
    // HTML-like comments. A space between the tokens keeps the meaning for both. Inside strings, templates,
    // regular expressions and comments they are just text.
    private static void SplitHtmlCommentLookalikes(string source, Program program, SyntaxFacts facts, SourceEdits edits)
    {
        foreach (var (marker, split) in new[] { ("<!--", 1), ("-->", 2) })
        {
            for (var i = source.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = source.IndexOf(marker, i + 1, StringComparison.Ordinal))
            {
                if (facts.IsInsideText(i) || program.Comments.Any(c => c.Start <= i && i < c.End) || edits.Touches(i, i + marker.Length))
                {
                    continue;
                }

                edits.Insert(i + split, " ");
            }
        }
    }

    // The offset just after `export default`, skipping whitespace and comments between the keywords.
    private static int AfterExportDefault(string source, int start)
    {
        var i = SkipTrivia(source, start + "export".Length);
        if (!source.AsSpan(i).StartsWith("default", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("export default without its keyword");
        }

        return i + "default".Length;
    }

    private static int SkipTrivia(string source, int i)
    {
        while (i < source.Length)
        {
            if (char.IsWhiteSpace(source[i]))
            {
                i++;
            }
            else if (source.AsSpan(i).StartsWith("//", StringComparison.Ordinal))
            {
                while (i < source.Length && source[i] is not ('\n' or '\r' or '\u2028' or '\u2029'))
                {
                    i++;
                }
            }
            else if (source.AsSpan(i).StartsWith("/*", StringComparison.Ordinal))
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    // The offset of `(` in `[async] function [*] (` starting at `start`, skipping whitespace and comments.
    private static int ParamsStart(string source, int start)
    {
        var i = SkipTrivia(source, start);
        foreach (var word in new[] { "async", "function", "*" })
        {
            if (source.AsSpan(i).StartsWith(word, StringComparison.Ordinal))
            {
                i = SkipTrivia(source, i + word.Length);
            }
        }

        return source[i] == '(' ? i : throw new InvalidOperationException("anonymous default function without a parameter list");
    }

    // A prefix no identifier of the module starts with, so the helper and every name made from it are free.
    private static string ChooseHelperName(IReadOnlyCollection<string> names)
    {
        var prefix = "$lmb";
        for (var n = 1; names.Any(name => name.StartsWith(prefix, StringComparison.Ordinal)); n++)
        {
            prefix = "$lmb" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
        }

        return prefix;
    }
}

/// <summary>The codes of the transform stage.</summary>
public static class TransformCodes
{
    /// <summary>An import (or re-export) of a name the imported ES module does not export, or exports ambiguously.</summary>
    public const string MissingExport = "LMB5002";
}

/// <summary>What <see cref="ModuleTransformer.Prepare"/> leaves for the second half; it holds no syntax tree.</summary>
internal abstract class PreparedTransform;

/// <summary>A finished script: its code, and its mappings (null when the code is the file as written).</summary>
internal sealed class PreparedScript(string code, IReadOnlyList<CodeMapping>? mappings, string? helperName) : PreparedTransform
{
    public string Code { get; } = code;

    public IReadOnlyList<CodeMapping>? Mappings { get; } = mappings;

    public string? HelperName { get; } = helperName;

    /// <summary>See <see cref="ModuleRecord.ParsedAsWrapperBody"/>.</summary>
    public bool ParsedAsWrapperBody { get; init; }
}

/// <summary>An ES module half done: its interface (for the linker), its edits so far, and the imported references
/// whose text waits for the linker.</summary>
internal sealed class PreparedEsModule(ModuleInterface face, SourceEdits edits, string helper) : PreparedTransform
{
    /// <summary>Narrowed by <see cref="TreeShaker"/> when re-exported modules are left out.</summary>
    public ModuleInterface Interface { get; set; } = face;

    public SourceEdits Edits { get; } = edits;

    public string Helper { get; } = helper;

    /// <summary>The local that holds an anonymous default export.</summary>
    public string DefaultLocal => Helper + "_d";

    /// <summary>Set when an anonymous default function is hoisted under <see cref="DefaultLocal"/>.</summary>
    public string? AnonymousDefault { get; set; }

    public List<DeferredReference> References { get; } = [];

    /// <summary>Namespace imports (by local name) that the code only reads as <c>ns.name</c>: the names it reads.</summary>
    public Dictionary<string, ImmutableArray<string>> NamespaceMembers { get; } = new(StringComparer.Ordinal);
}

/// <summary>How a reference to an imported name is rewritten.</summary>
internal enum ReferenceForm
{
    /// <summary><c>x</c> → the member read.</summary>
    Plain,

    /// <summary><c>x(…)</c> → <c>(0, member)(…)</c>, so <c>this</c> stays undefined.</summary>
    Callee,

    /// <summary><c>{ x }</c> → <c>{ x: member }</c>.</summary>
    Shorthand,
}

/// <summary>A reserved replacement (<see cref="SourceEdits.ReplaceLater"/>) of a reference to an imported binding.</summary>
internal sealed record DeferredReference(int Edit, ImportBinding Binding, ReferenceForm Form, string Name);
