using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Syntax.Tests.Fuzz;

/// <summary>
/// The parser accepts trees up to <see cref="Parser.MaxNestingDepth"/> levels; the walkers after it use more
/// stack per level than a default 1 MB thread holds at that depth. On <see cref="DeepStack"/> threads every
/// stage must finish on every tree the parser accepts.
/// </summary>
[TestClass]
public sealed class DeepStackTests
{
    public static IEnumerable<object[]> DeepShapes =>
    [
        // shape, source, free names (a, b, c, f, x: the globals the source reads)
        ["binary chain", string.Join("+", Enumerable.Repeat("a", Parser.MaxNestingDepth - 10)), 1],
        ["else-if chain", string.Concat(Enumerable.Repeat("if (a) b; else ", Parser.MaxNestingDepth - 10)) + "c;", 3],
        ["member chain", "a" + string.Concat(Enumerable.Repeat(".b", Parser.MaxNestingDepth - 10)), 1],
        ["call chain", "f" + string.Concat(Enumerable.Repeat("()", Parser.MaxNestingDepth - 10)), 1],
        ["logical chain", string.Join(" && ", Enumerable.Repeat("x", Parser.MaxNestingDepth - 10)), 1],
    ];

    [TestMethod]
    [DynamicData(nameof(DeepShapes))]
    public void Parse_analysis_and_json_all_finish_at_the_parsers_maximum_depth(string shape, string source, int expectedFreeNames)
    {
        var (json, freeNames, depth) = DeepStack.Run(() =>
        {
            var program = new Parser().ParseScript(source);
            return (EstreeJsonWriter.Write(program), ScopeAnalyzer.Analyze(program).FreeNames.Count, Depth(program));
        });

        Assert.IsGreaterThan(Parser.MaxNestingDepth / 2, depth, $"{shape}: the tree should really be deep");
        Assert.StartsWith("{\"type\":\"Program\"", json, shape);
        Assert.AreEqual(expectedFreeNames, freeNames, shape);
    }

    [TestMethod]
    public void An_exception_on_a_deep_stack_worker_reaches_the_caller()
    {
        var error = Assert.ThrowsExactly<SyntaxErrorException>(() => DeepStack.Run(() => new Parser().ParseScript("let let = 1")));
        Assert.AreEqual(1, error.Line);
    }

    [TestMethod]
    public void For_visits_every_index_once_and_rethrows_the_first_failure()
    {
        var seen = new int[1000];
        DeepStack.For(seen.Length, i => Interlocked.Increment(ref seen[i]));
        Assert.IsTrue(seen.All(n => n == 1));

        Assert.ThrowsExactly<InvalidOperationException>(() =>
            DeepStack.For(100, i => { if (i == 42) throw new InvalidOperationException("stop"); }));
    }

    // Longest root-to-leaf path, walked with an explicit stack so the measurement itself cannot overflow.
    private static int Depth(Node root)
    {
        var max = 0;
        var pending = new Stack<(Node Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            max = Math.Max(max, depth);
            foreach (var child in node.ChildNodes())
            {
                pending.Push((child, depth + 1));
            }
        }

        return max;
    }
}
