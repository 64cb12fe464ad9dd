using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Emit;

/// <summary>Where one module-table entry and its code ended up in the bundle text (offsets, ends exclusive).</summary>
internal sealed record EmittedModule(int Id, string File, int EntryStart, int EntryEnd, int CodeStart, int CodeEnd);

/// <summary>
/// Parses the finished module table again, as the browser will (a classic script), and proves that every
/// module's code is exactly the body of its own wrapper function: no HTML-like comment, unbalanced token or other
/// parse trick in one module's text can close its wrapper early or reach into the next one. Also proves that no
/// native <c>import()</c> (which would load code against the real global) and no HTML-like comment (which
/// browsers and a module-goal parser read differently) is left anywhere in the table.
/// </summary>
/// <remarks>
/// Each entry (<c>[id, deps, function () {…}, meta]</c>) is parsed on its own, in parallel. That is as strong as
/// parsing the whole table: an entry that parses as exactly one array literal spanning all of its text leaves the
/// tokenizer where it found it (no open comment, string, template or bracket), so the entries before it cannot
/// change how it reads, and the separators and the shell around them are our own fixed text.
/// </remarks>
internal static class BundleVerifier
{
    public static void Verify(string bundle, IReadOnlyList<EmittedModule> modules, CancellationToken cancellation = default)
    {
        var failures = new BundleException?[modules.Count];
        DeepStack.For(modules.Count, i => failures[i] = VerifyEntry(bundle, modules[i]), cancellation);
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }
    }

    private static BundleException? VerifyEntry(string bundle, EmittedModule module)
    {
        var text = bundle[module.EntryStart..module.EntryEnd];
        Program program;
        try
        {
            program = new Parser(new ParserOptions { SourceType = SourceType.Script }).ParseScript(text);
        }
        catch (SyntaxErrorException error)
        {
            return new BundleException("LMB3010", $"{module.File}: module {module.Id} does not parse inside its wrapper ({error.Message}); a module's code must be a complete function body");
        }

        foreach (var comment in program.Comments)
        {
            if (text.AsSpan(comment.Start).StartsWith("<!--", StringComparison.Ordinal) || text.AsSpan(comment.Start).StartsWith("-->", StringComparison.Ordinal))
            {
                return new BundleException("LMB3005", $"{module.File}: module code contains an HTML-like comment (<!-- or -->); it must be rewritten before bundling");
            }
        }

        // The wrapper writes "{\n" before the code and "\n}" after it (templates/module-wrapper.js).
        var body = (module.CodeStart - module.EntryStart - 2, module.CodeEnd - module.EntryStart + 2);
        var found = false;
        var imports = false;
        if (program.Body is [ExpressionStatement { Expression: ArrayExpression entry } statement]
            && statement.Start == 0 && entry.End == text.Length)
        {
            Walk(entry, ref found, ref imports, body);
        }

        if (imports)
        {
            return new BundleException("LMB3004", $"{module.File}: module code contains a native import(…); it must be rewritten before bundling");
        }

        return found ? null : new BundleException("LMB3010", $"{module.File}: module {module.Id} does not parse as the body of its own wrapper function; its text would change the bundle's structure");
    }

    private static void Walk(Node node, ref bool found, ref bool imports, (int Start, int End) body)
    {
        switch (node)
        {
            case FunctionExpression function when function.Body.Start == body.Start && function.Body.End == body.End:
                found = true;
                break;
            case ImportExpression:
                imports = true;
                break;
        }

        foreach (var child in node.ChildNodes())
        {
            Walk(child, ref found, ref imports, body);
        }
    }
}
