using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

public sealed partial class Parser
{
    private ImportDeclaration ParseImport(Marker m)
    {
        Next();
        var specifiers = new List<Node>();
        Literal source;
        if (Type == TokenType.String)
        {
            source = ParseLiteral();
        }
        else
        {
            ParseImportSpecifiers(specifiers);
            ExpectContextual("from");
            if (Type != TokenType.String)
            {
                Unexpected();
            }

            source = ParseLiteral();
        }

        var attributes = ParseWithClause();
        Semicolon();
        return Finish(new ImportDeclaration(new NodeList<Node>(specifiers), source, attributes), m);
    }

    private void ParseImportSpecifiers(List<Node> nodes)
    {
        if (Type == TokenType.Name)
        {
            var m = Mark();
            var local = ParseIdent(false);
            CheckLValSimple(local, BindingKind.Lexical);
            nodes.Add(Finish(new ImportDefaultSpecifier(local), m));
            if (!Eat(TokenType.Comma))
            {
                return;
            }
        }

        if (Type == TokenType.Star)
        {
            var m = Mark();
            Next();
            ExpectContextual("as");
            var local = ParseIdent(false);
            CheckLValSimple(local, BindingKind.Lexical);
            nodes.Add(Finish(new ImportNamespaceSpecifier(local), m));
            return;
        }

        Expect(TokenType.BraceL);
        var first = true;
        while (!Eat(TokenType.BraceR))
        {
            if (!first)
            {
                Expect(TokenType.Comma);
                if (AfterTrailingComma(TokenType.BraceR))
                {
                    break;
                }
            }
            else
            {
                first = false;
            }

            var m = Mark();
            var imported = ParseModuleExportName();
            Identifier local;
            if (EatContextual("as"))
            {
                local = ParseIdent(false);
            }
            else
            {
                if (imported is not Identifier importedId)
                {
                    Raise(imported.Start, "Binding rvalue");
                    return;
                }

                CheckUnreserved(importedId.Name, importedId.Start);
                local = SameRange(new Identifier(importedId.Name), importedId);
            }

            CheckLValSimple(local, BindingKind.Lexical);
            nodes.Add(Finish(new ImportSpecifier(imported, local), m));
        }
    }

    private Node ParseModuleExportName()
    {
        if (Type == TokenType.String)
        {
            var literal = ParseLiteral();
            if (HasLoneSurrogate((string)literal.Value!))
            {
                Raise(literal.Start, "An export name cannot include a lone surrogate.");
            }

            return literal;
        }

        return ParseIdent(true);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }

            if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private NodeList<ImportAttribute> ParseWithClause()
    {
        if (!Eat(TokenType.With))
        {
            return new NodeList<ImportAttribute>(Array.Empty<ImportAttribute>());
        }

        Expect(TokenType.BraceL);
        var nodes = new List<ImportAttribute>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (!Eat(TokenType.BraceR))
        {
            if (!first)
            {
                Expect(TokenType.Comma);
                if (AfterTrailingComma(TokenType.BraceR))
                {
                    break;
                }
            }
            else
            {
                first = false;
            }

            var m = Mark();
            Node key = Type == TokenType.String ? ParseLiteral() : ParseIdent(true);
            Expect(TokenType.Colon);
            if (Type != TokenType.String)
            {
                Unexpected();
            }

            var value = ParseLiteral();
            var keyName = key is Identifier id ? id.Name : (string)((Literal)key).Value!;
            if (!keys.Add(keyName))
            {
                Raise(key.Start, $"Duplicate attribute key '{keyName}'");
            }

            nodes.Add(Finish(new ImportAttribute(key, value), m));
        }

        return new NodeList<ImportAttribute>(nodes);
    }

    private bool ShouldParseExportStatement() =>
        Type is TokenType.Var or TokenType.Const or TokenType.Class or TokenType.Function || IsLet() || IsAsyncFunction();

    private ModuleDeclaration ParseExport(Marker m)
    {
        Next();
        if (Eat(TokenType.Star))
        {
            Node? exported = null;
            if (EatContextual("as"))
            {
                exported = ParseModuleExportName();
                CheckExport(exported, exported.Start);
            }

            ExpectContextual("from");
            if (Type != TokenType.String)
            {
                Unexpected();
            }

            var source = ParseLiteral();
            var attributes = ParseWithClause();
            Semicolon();
            return Finish(new ExportAllDeclaration(exported, source, attributes), m);
        }

        if (Eat(TokenType.Default))
        {
            CheckExportName("default", _t.LastTokStart);
            Node declaration;
            var isAsync = false;
            if (Type == TokenType.Function || (isAsync = IsAsyncFunction()))
            {
                var fm = Mark();
                Next();
                if (isAsync)
                {
                    Next();
                }

                declaration = ParseFunction(fm, FunctionStatementFlags.Statement | FunctionStatementFlags.NullableId, isAsync);
            }
            else if (Type == TokenType.Class)
            {
                declaration = ParseClass(Mark(), ClassContext.NullableId);
            }
            else
            {
                declaration = ParseMaybeAssign();
                Semicolon();
            }

            return Finish(new ExportDefaultDeclaration(declaration), m);
        }

        if (ShouldParseExportStatement())
        {
            var declaration = (Declaration)ParseStatement(StatementContext.None);
            switch (declaration)
            {
                case VariableDeclaration v:
                    foreach (var d in v.Declarations)
                    {
                        CheckPatternExport(d.Id);
                    }

                    break;
                case FunctionDeclaration { Id: { } fid }:
                    CheckExport(fid, fid.Start);
                    break;
                case ClassDeclaration { Id: { } cid }:
                    CheckExport(cid, cid.Start);
                    break;
            }

            return Finish(new ExportNamedDeclaration(declaration, default, null, new NodeList<ImportAttribute>(Array.Empty<ImportAttribute>())), m);
        }

        var specifiers = new List<ExportSpecifier>();
        Expect(TokenType.BraceL);
        var first = true;
        while (!Eat(TokenType.BraceR))
        {
            if (!first)
            {
                Expect(TokenType.Comma);
                if (AfterTrailingComma(TokenType.BraceR))
                {
                    break;
                }
            }
            else
            {
                first = false;
            }

            var sm = Mark();
            var local = ParseModuleExportName();
            var exported = EatContextual("as") ? ParseModuleExportName() : CopyName(local);
            CheckExport(exported, exported.Start);
            specifiers.Add(Finish(new ExportSpecifier(local, exported), sm));
        }

        Literal? from = null;
        var attrs = new NodeList<ImportAttribute>(Array.Empty<ImportAttribute>());
        if (EatContextual("from"))
        {
            if (Type != TokenType.String)
            {
                Unexpected();
            }

            from = ParseLiteral();
            attrs = ParseWithClause();
        }
        else
        {
            foreach (var spec in specifiers)
            {
                if (spec.Local is Identifier localId)
                {
                    CheckUnreserved(localId.Name, localId.Start);
                    CheckLocalExport(localId);
                }
                else
                {
                    Raise(spec.Local.Start, "A string literal cannot be used as an exported binding without `from`.");
                }
            }
        }

        Semicolon();
        return Finish(new ExportNamedDeclaration(null, new NodeList<ExportSpecifier>(specifiers), from, attrs), m);
    }

    private static Node CopyName(Node node) => node switch
    {
        Identifier id => SameRange(new Identifier(id.Name), id),
        Literal lit => SameRange(new Literal(lit.Kind, lit.Value, lit.Raw), lit),
        _ => node,
    };

    private void CheckExport(Node name, int pos) => CheckExportName(name is Identifier id ? id.Name : (string)((Literal)name).Value!, pos);

    private void CheckExportName(string name, int pos)
    {
        if (_exports is null)
        {
            return;
        }

        if (!_exports.Add(name))
        {
            Raise(pos, $"Duplicate export '{name}'");
        }
    }

    private void CheckPatternExport(Node pattern)
    {
        switch (pattern)
        {
            case Identifier id:
                CheckExport(id, id.Start);
                break;
            case ObjectPattern obj:
                foreach (var prop in obj.Properties)
                {
                    CheckPatternExport(prop);
                }

                break;
            case ArrayPattern array:
                foreach (var element in array.Elements)
                {
                    if (element is not null)
                    {
                        CheckPatternExport(element);
                    }
                }

                break;
            case Property p:
                CheckPatternExport(p.Value);
                break;
            case AssignmentPattern a:
                CheckPatternExport(a.Left);
                break;
            case RestElement r:
                CheckPatternExport(r.Argument);
                break;
        }
    }
}
