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
/// <para>
/// A CommonJS module whose code the graph stage already parsed exactly as it is, as a strict script, is not parsed
/// again (<see cref="ModuleRecord.ParsedAsWrapperBody"/>): that parse is the same proof. The body of the wrapper's
/// innermost function is strict code in a classic script, as that parse was, and the tokens, comments and
/// <c>import()</c> expressions are the same in both. The transform sets the flag only when a script and a function
/// body cannot disagree: no hashbang, no HTML-like comment, no <c>import()</c> (it rewrites all three, so the code
/// would not be the parsed text), and no top-level let, const or class named like a wrapper parameter (an early
/// error only in a function body). The text must also be free of carriage returns, so the writer's newline
/// normalisation left it untouched.
/// </para>
/// </remarks>
internal static class BundleVerifier
{
    /// <summary>Checks one entry, the text between the separators of the module table (it is copied into the
    /// bundle as it is); <paramref name="codeStart"/> and <paramref name="codeEnd"/> delimit the module's code in it.</summary>
    /// <returns>Why the entry is refused, or null.</returns>
    public static BundleException? VerifyEntry(string text, ModuleRecord module, int codeStart, int codeEnd)
    {
        if (module is { ParsedAsWrapperBody: true, Shape: ModuleShape.CommonJs, HelperName: null } && !module.Code.Contains('\r'))
        {
            return null;
        }

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

        if (program.ImportExpressionCount > 0)
        {
            return new BundleException("LMB3004", $"{module.File}: module code contains a native import(…); it must be rewritten before bundling");
        }

        // The wrapper writes "{\n" before the code and "\n}" after it (templates/module-wrapper.js).
        return ModuleFunction(program, text.Length) is { } function
            && function.Body.Start == codeStart - 2 && function.Body.End == codeEnd + 2
            ? null
            : new BundleException("LMB3010", $"{module.File}: module {module.Id} does not parse as the body of its own wrapper function; its text would change the bundle's structure");
    }

    /// <summary>
    /// The innermost function of the wrapper, found by its exact shape (templates/module-wrapper.js), or null when
    /// the entry has any other shape:
    /// <c>[id, deps, function () { with (…) { with (…) { return function () { 'use strict'; return function (…) {…}; }; } } }, meta]</c>,
    /// one array literal that spans the whole entry.
    /// </summary>
    private static FunctionExpression? ModuleFunction(Program program, int length) =>
        program.Body is [ExpressionStatement { Expression: ArrayExpression { Elements: [_, _, FunctionExpression outer, _] } entry } statement]
        && statement.Start == 0 && entry.End == length
        && outer.Body.Body is [WithStatement { Body: BlockStatement { Body: [WithStatement { Body: BlockStatement { Body: [ReturnStatement { Argument: FunctionExpression strict }] } }] } }]
        && strict.Body.Body is [ExpressionStatement { Directive: "use strict" }, ReturnStatement { Argument: FunctionExpression module }]
            ? module
            : null;
}
