using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Analysis;

/// <summary>
/// Finds every place a module names another: static imports and re-exports, CommonJS requires (of the free
/// <c>require</c> only), dynamic imports. A specifier is known when it is a string literal or a template literal
/// without substitutions. The graph stage reads them from the module's <see cref="SyntaxFacts"/>, which it
/// collects anyway; this is the same list for a tree on its own.
/// </summary>
public static class ImportFinder
{
    public static IReadOnlyList<ModuleImport> Find(Program program, ScopeAnalysis scopes) => SyntaxFacts.Collect(program, scopes).Imports;
}
