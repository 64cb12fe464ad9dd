using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Emit;

/// <summary>Where one module's code ended up in the bundle text (offsets, end exclusive).</summary>
internal sealed record EmittedModule(int Id, string File, int CodeStart, int CodeEnd);

/// <summary>
/// Parses the finished bundle again, as the browser will (a classic script), and proves that every module's
/// code is exactly the body of its own wrapper function: no HTML-like comment, unbalanced token or other parse
/// trick in one module's text can close its wrapper early or reach into the next one. Also proves that no
/// native <c>import()</c> (which would load code against the real global) and no HTML-like comment (which
/// browsers and a module-goal parser read differently) is left anywhere in the module table.
/// </summary>
internal static class BundleVerifier
{
    public static void Verify(string bundle, int tableStart, IReadOnlyList<EmittedModule> modules)
    {
        if (tableStart < 0)
        {
            throw new InvalidOperationException("bundle-shell.js has no api slot");
        }

        // The runtime before the table is our own, fixed text; parsing from the table start on keeps this
        // check proportional to the modules. Blank it rather than cut it, so offsets stay bundle offsets.
        var text = new string(' ', tableStart) + bundle[tableStart..];
        Program program;
        try
        {
            program = DeepStack.Run(() => new Parser(new ParserOptions { SourceType = SourceType.Script }).ParseScript(text));
        }
        catch (SyntaxErrorException error)
        {
            var culprit = modules.FirstOrDefault(m => error.Index >= m.CodeStart && error.Index <= m.CodeEnd);
            throw new BundleException(
                "LMB3010",
                $"{culprit?.File ?? "the bundle"}: the bundle does not parse ({error.Message}); a module's code must be a complete function body");
        }

        foreach (var comment in program.Comments)
        {
            var start = comment.Start;
            if (bundle.AsSpan(start).StartsWith("<!--", StringComparison.Ordinal) || bundle.AsSpan(start).StartsWith("-->", StringComparison.Ordinal))
            {
                throw new BundleException("LMB3005", $"{Owner(modules, start)}: module code contains an HTML-like comment (<!-- or -->); it must be rewritten before bundling");
            }
        }

        var bodies = new HashSet<(int, int)>();
        var imports = new List<int>();
        DeepStack.Run(() =>
        {
            Collect(program, bodies, imports);
            return 0;
        });
        if (imports.Count > 0)
        {
            throw new BundleException("LMB3004", $"{Owner(modules, imports[0])}: module code contains a native import(…); it must be rewritten before bundling");
        }

        foreach (var module in modules)
        {
            // The wrapper writes "{\n" before the code and "\n}" after it (templates/module-wrapper.js).
            if (!bodies.Contains((module.CodeStart - 2, module.CodeEnd + 2)))
            {
                throw new BundleException("LMB3010", $"{module.File}: module {module.Id} does not parse as the body of its own wrapper function; its text would change the bundle's structure");
            }
        }
    }

    private static string Owner(IReadOnlyList<EmittedModule> modules, int offset) =>
        modules.FirstOrDefault(m => offset >= m.CodeStart && offset < m.CodeEnd)?.File ?? "the bundle";

    private static void Collect(Node node, HashSet<(int, int)> bodies, List<int> imports)
    {
        switch (node)
        {
            case FunctionExpression function:
                bodies.Add((function.Body.Start, function.Body.End));
                break;
            case ImportExpression import:
                imports.Add(import.Start);
                break;
        }

        foreach (var child in node.ChildNodes())
        {
            Collect(child, bodies, imports);
        }
    }
}
