using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Analysis;

/// <summary>Finds every place a module names another: static imports and re-exports, CommonJS requires, dynamic imports.</summary>
public static class ImportFinder
{
    public static IReadOnlyList<ModuleImport> Find(Program program, ScopeAnalysis scopes)
    {
        var walker = new Walker(scopes);
        walker.Visit(program);
        return walker.Imports;
    }

    private sealed class Walker(ScopeAnalysis scopes) : AstVisitor
    {
        public List<ModuleImport> Imports { get; } = [];

        protected override void VisitImportDeclaration(ImportDeclaration node)
        {
            Add(node.Source, ImportKind.Import);
            base.VisitImportDeclaration(node);
        }

        protected override void VisitExportNamedDeclaration(ExportNamedDeclaration node)
        {
            if (node.Source is { } source)
            {
                Add(source, ImportKind.ExportFrom);
            }

            base.VisitExportNamedDeclaration(node);
        }

        protected override void VisitExportAllDeclaration(ExportAllDeclaration node)
        {
            Add(node.Source, ImportKind.ExportFrom);
            base.VisitExportAllDeclaration(node);
        }

        protected override void VisitImportExpression(ImportExpression node)
        {
            Add(node.Source, ImportKind.DynamicImport);
            base.VisitImportExpression(node);
        }

        protected override void VisitCallExpression(CallExpression node)
        {
            // Only the free `require` is CommonJS's: a local function named require is just a function.
            if (node.Callee is Identifier { Name: "require" } callee
                && scopes.GetReference(callee) is { IsFree: true }
                && node.Arguments.Count >= 1
                && node.Arguments[0] is Expression argument)
            {
                Add(argument, ImportKind.Require);
            }

            base.VisitCallExpression(node);
        }

        private void Add(Node specifier, ImportKind kind) =>
            Imports.Add(new ModuleImport(StaticString(specifier), kind, specifier.Location.Start));

        // A string literal, or a template literal without substitutions (`require(`./x`)` is common in
        // transpiled code): both are known at build time.
        private static string? StaticString(Node node) => node switch
        {
            Literal { Value: string text } => text,
            TemplateLiteral { Expressions.Count: 0, Quasis: [var only] } => only.Value.Cooked,
            _ => null,
        };
    }
}
