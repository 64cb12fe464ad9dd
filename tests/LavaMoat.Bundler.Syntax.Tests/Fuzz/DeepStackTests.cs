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

    [TestMethod]
    public void Drain_visits_the_seeds_and_every_item_added_while_working_once()
    {
        // A binary tree of 4,095 nodes discovered from its root: each visit adds the node's children, so the
        // walk only ends when every level has been found, whatever the interleaving.
        const int Count = 4095;
        var seen = new int[Count];
        DeepStack.Drain(
            [0],
            (int i, Action<int> add) =>
            {
                Interlocked.Increment(ref seen[i]);
                if (i % 7 == 0)
                {
                    Thread.Sleep(1); // some slow items, so that a worker goes idle while another still adds work
                }

                foreach (var child in new[] { (2 * i) + 1, (2 * i) + 2 })
                {
                    if (child < Count)
                    {
                        add(child);
                    }
                }
            });
        Assert.IsTrue(seen.All(n => n == 1), $"visited counts: {string.Join(",", seen.Distinct())}");
    }

    [TestMethod]
    public void Drain_rethrows_the_first_failure_and_ends_with_work_still_queued()
    {
        // Each item queues the next, so only the failure can end this walk early. The other worker may go on for a
        // while (until the failure is recorded: hundreds of items), far from the cap, which turns a walk that ignored
        // the failure into a test failure rather than a hang.
        const int Cap = 10_000_000;
        var visited = 0;
        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            DeepStack.Drain(
                [0],
                (int i, Action<int> add) =>
                {
                    Interlocked.Increment(ref visited);
                    if (i < Cap)
                    {
                        add(i + 1);
                    }

                    if (i == 50)
                    {
                        throw new InvalidOperationException("stop at 50");
                    }
                }));
        Assert.AreEqual("stop at 50", error.Message);
        Assert.IsLessThan(Cap / 10, visited);
    }

    [TestMethod]
    public void Drain_with_no_seeds_returns_at_once()
    {
        var calls = 0;
        DeepStack.Drain(Array.Empty<int>(), (int _, Action<int> _) => calls++);
        Assert.AreEqual(0, calls);
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
