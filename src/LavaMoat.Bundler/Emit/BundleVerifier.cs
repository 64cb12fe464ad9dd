using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// Parses the finished module table again, as the browser will (a classic script), and proves that every
/// module's code is exactly the body of its own wrapper function: no HTML-like comment, unbalanced token or other
/// parse trick in one module's text can close its wrapper early or reach into the next one. Also proves that no
/// native <c>import()</c> (which would load code against the real global) and no HTML-like comment (which
/// browsers and a module-goal parser read differently) is left anywhere in the table.
/// </summary>
/// <remarks>
/// Each entry (<c>[id, deps, function () {…}, meta]</c>) is parsed on its own, on the writer's worker threads right
/// after they wrap the module. That is as strong as parsing the whole table: an entry that parses as exactly one
/// array literal spanning all of its text leaves the tokenizer where it found it (no open comment, string, template
/// or bracket), so the entries before it cannot change how it reads, and the separators and the shell around them
/// are our own fixed text.
/// </remarks>
internal static class BundleVerifier
{
    /// <summary>Checks one entry, the text between the separators of the module table (it is copied into the
    /// bundle as it is); <paramref name="codeStart"/> and <paramref name="codeEnd"/> delimit the module's code in it.</summary>
    /// <returns>Why the entry is refused, or null.</returns>
    public static BundleException? VerifyEntry(string text, ModuleRecord module, int codeStart, int codeEnd)
    {
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
        var body = (codeStart - 2, codeEnd + 2);
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
