using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Tests.Parsing;

internal static class ParserTestHelpers
{
    public static Program Script(string source) => new Syntax.Parser().ParseScript(source);

    public static Program Module(string source) => new Syntax.Parser().ParseModule(source);

    public static SyntaxErrorException ScriptError(string source) =>
        Assert.ThrowsExactly<SyntaxErrorException>(() => new Syntax.Parser().ParseScript(source));

    public static SyntaxErrorException ModuleError(string source) =>
        Assert.ThrowsExactly<SyntaxErrorException>(() => new Syntax.Parser().ParseModule(source));

    public static Expression Expr(Program program, int index = 0) => ((ExpressionStatement)program.Body[index]).Expression;

    public static void AssertRange(Node node, int start, int end)
    {
        Assert.AreEqual(start, node.Start, $"start of {node}");
        Assert.AreEqual(end, node.End, $"end of {node}");
    }

    public static void AssertLoc(Node node, int startLine, int startColumn, int endLine, int endColumn) =>
        Assert.AreEqual(new SourceLocation(new Position(startLine, startColumn), new Position(endLine, endColumn)), node.Location, $"location of {node}");
}
