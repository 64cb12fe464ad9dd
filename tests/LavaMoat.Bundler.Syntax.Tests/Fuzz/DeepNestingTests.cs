using System.Globalization;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Tests.Conformance;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Fuzz;

/// <summary>
/// Deep nesting (100,000 levels) on a thread with an ordinary 1 MB stack gives a clean
/// <see cref="SyntaxErrorException"/> or a correct tree, never a stack overflow or a hang. Each deep input is
/// parsed in a child process (<see cref="IsolatedParse"/>) because a stack overflow would otherwise end the whole
/// test run; the same shape at depth 40 is first held to acorn, so "a correct tree" is checked too.
/// </summary>
[TestClass]
public sealed class DeepNestingTests
{
    private const int Depth = 100_000;
    private const int ShallowDepth = 40;

    private static readonly Dictionary<string, (Func<int, string> Make, SourceType Goal)> Shapes = new()
    {
        ["parentheses"] = (n => Repeat("(", n) + "1" + Repeat(")", n), SourceType.Script),
        ["unclosed parentheses"] = (n => Repeat("(", n), SourceType.Script),
        ["arrays"] = (n => Repeat("[", n) + Repeat("]", n), SourceType.Script),
        ["unclosed arrays"] = (n => Repeat("[", n), SourceType.Script),
        ["blocks"] = (n => Repeat("{", n) + Repeat("}", n), SourceType.Script),
        ["objects"] = (n => "x = " + Repeat("{a:", n) + "1" + Repeat("}", n), SourceType.Script),
        ["array patterns"] = (n => Repeat("[", n) + "a" + Repeat("]", n) + " = x", SourceType.Script),
        ["object patterns"] = (n => "(" + Repeat("{a:", n) + "b" + Repeat("}", n) + " = x)", SourceType.Script),
        ["logical not"] = (n => Repeat("!", n) + "x", SourceType.Script),
        ["typeof"] = (n => Repeat("typeof ", n) + "x", SourceType.Script),
        ["template substitutions"] = (n => Repeat("`${", n) + "1" + Repeat("}`", n), SourceType.Script),
        ["arrow chain"] = (n => Repeat("a => ", n) + "a", SourceType.Script),
        ["parenthesized arrow chain"] = (n => Repeat("(a) => ", n) + "a", SourceType.Module),
        ["async arrow chain"] = (n => Repeat("async a => ", n) + "a", SourceType.Module),
        ["assignment chain"] = (n => Repeat("a = ", n) + "1", SourceType.Script),
        ["conditional chain"] = (n => Repeat("a ? b : ", n) + "c", SourceType.Script),
        ["new chain"] = (n => Repeat("new ", n) + "a", SourceType.Script),
        ["binary chain"] = (n => "1" + Repeat(" + 1", n), SourceType.Script),
        ["exponent chain"] = (n => "1" + Repeat(" ** 1", n), SourceType.Script),
        ["member chain"] = (n => "a" + Repeat(".b", n), SourceType.Script),
        ["call chain"] = (n => "a" + Repeat("()", n), SourceType.Script),
        ["optional chain"] = (n => "a" + Repeat("?.b", n), SourceType.Script),
        ["else-if chain"] = (n => Repeat("if (a) b; else ", n) + "c;", SourceType.Script),
        ["string concatenation"] = (n => "x = 'a'" + Repeat(" + 'a'", n), SourceType.Script),
        ["nested functions"] = (n => Repeat("function f(){", n) + Repeat("}", n), SourceType.Script),
        ["nested classes"] = (n => Repeat("class A extends (", n) + "B" + Repeat(") {}", n), SourceType.Module),
        ["regex groups"] = (n => "/" + Repeat("(", n) + Repeat(")", n) + "/u", SourceType.Script),
        ["regex classes (v flag)"] = (n => "/" + Repeat("[", n) + Repeat("]", n) + "/v", SourceType.Script),
    };

    public static IEnumerable<object[]> ShapeNames => Shapes.Keys.Select(k => new object[] { k });

    /// <summary>
    /// Depths that real (often generated or minified) code reaches and that acorn, on Node's ~1 MB stack,
    /// parses (acorn 8.19's own limits, measured: parentheses 707, arrays 879, objects 585, templates 597,
    /// arrows 732, functions 1261, blocks 2881, else-if 3155, binary and string chains ~4300, conditionals
    /// 4687, assignments 6143, member and call chains unlimited). A clean "too deep" error is no excuse here:
    /// a bundler must take these files.
    /// </summary>
    public static IEnumerable<object[]> RealisticDepths =>
    [
        ["parentheses", 300],
        ["arrays", 300],
        ["objects", 200],
        ["template substitutions", 200],
        ["arrow chain", 300],
        ["nested functions", 300],
        ["blocks", 500],
        ["else-if chain", 1000],
        ["conditional chain", 1000],
        ["assignment chain", 1000],
        ["binary chain", 2000],
        ["string concatenation", 2000],
        ["member chain", 2000],
        ["call chain", 2000],
        ["optional chain", 2000],
    ];

    [TestMethod]
    [DynamicData(nameof(RealisticDepths))]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Nesting_that_real_code_reaches_parses_to_acorns_tree(string shape, int depth)
    {
        var (make, goal) = Shapes[shape];
        var file = Path.Combine(Path.GetTempPath(), $"lavamoat-nesting-{Guid.NewGuid():N}.js");
        File.WriteAllText(file, make(depth));
        try
        {
            var request = new AcornRequest(file, goal == SourceType.Module ? AcornMode.Module : AcornMode.Script);
            var acorn = AcornOracle.Dump([request]);
            Assert.IsTrue(acorn[0].Ok, $"acorn rejects {shape} at depth {depth}: {acorn[0].Error?.Message}");
            var report = AcornComparer.Compare($"{shape} at depth {depth}", [new AcornCase($"{shape} x{depth}", request, acorn[0])]);
            if (report.Count > 0)
            {
                Assert.Fail(report.Render(1));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    [DynamicData(nameof(ShapeNames))]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Deep_nesting_gives_a_clean_error_or_a_correct_tree(string shape)
    {
        var (make, goal) = Shapes[shape];

        // The same shape, shallow: our verdict and tree must equal acorn's.
        var shallowFile = Path.Combine(Path.GetTempPath(), $"lavamoat-shallow-{Guid.NewGuid():N}.js");
        File.WriteAllText(shallowFile, make(ShallowDepth));
        try
        {
            var request = new AcornRequest(shallowFile, goal == SourceType.Module ? AcornMode.Module : AcornMode.Script);
            var acorn = AcornOracle.Dump([request]);
            var shallow = AcornComparer.Compare($"{shape} at depth {ShallowDepth}", [new AcornCase($"{shape} x{ShallowDepth}", request, acorn[0])]);
            if (shallow.Count > 0)
            {
                Assert.Fail(shallow.Render(1));
            }
        }
        finally
        {
            File.Delete(shallowFile);
        }

        var source = make(Depth);
        var result = IsolatedParse.Run(source, goal, TimeSpan.FromSeconds(60));
        var context = $"{shape} at depth {Depth} ({source.Length} chars, {goal.ToString().ToLowerInvariant()})";
        Console.WriteLine($"{context}: {result.Output}");
        Assert.AreEqual(0, result.ExitCode, $"{context}: the parsing process died (exit {result.ExitCode}).\n{Head(result.Error)}");
        if (result.Accepted)
        {
            Assert.AreEqual($"tree {source.Length.ToString(CultureInfo.InvariantCulture)}", result.Output, $"{context}: the tree does not span the text.");
        }
        else
        {
            Assert.IsTrue(result.SyntaxError, $"{context}: expected a tree or a syntax error, got: {result.Output}\n{Head(result.Error)}");
            var index = int.Parse(result.Output.Split(' ')[1], CultureInfo.InvariantCulture);
            Assert.IsTrue(index >= 0 && index <= source.Length, $"{context}: error position {index} is outside the text: {result.Output}");
        }
    }

    private static string Repeat(string piece, int count) => string.Concat(Enumerable.Repeat(piece, count));

    private static string Head(string text) => text.Length <= 3000 ? text : text[..3000] + "\n…";
}
