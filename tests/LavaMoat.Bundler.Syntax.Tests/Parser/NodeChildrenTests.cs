using System.Text.Json;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Parsing;

/// <summary>
/// <see cref="NodeChildren.ChildNodes"/> hands out children from one per-thread stack instead of allocating an
/// iterator per node. These tests walk real trees recursively (ranges nested as every walker nests them) and hold
/// the result to the ESTree writer, which lists every node by its own code path.
/// </summary>
[TestClass]
public sealed class NodeChildrenTests
{
    [TestMethod]
    public void A_recursive_walk_reaches_every_node_the_ESTree_writer_writes()
    {
        var files = Corpus.Files.Where((_, i) => i % 25 == 0).Take(40).ToList();
        Assert.IsTrue(files.Count >= 20, "enough corpus files");
        var checkedFiles = 0;
        foreach (var file in files)
        {
            var source = File.ReadAllText(file.FullPath);
            if (TryParse(source) is not { } program)
            {
                continue;
            }

            var walked = new List<Node>();
            Walk(program, walked);
            using var estree = JsonDocument.Parse(EstreeJsonWriter.Write(program));
            var written = new List<(string Type, int Start)>();
            Collect(estree.RootElement, written);

            Assert.AreEqual(0, NodeChildren.PendingOnThisThread, file.Id);
            CollectionAssert.AreEquivalent(
                written.Select(n => $"{n.Type}@{n.Start}").ToList(),
                walked.Select(n => $"{n.Type}@{n.Start}").ToList(),
                file.Id);
            checkedFiles++;
        }

        Assert.IsTrue(checkedFiles >= 20, $"only {checkedFiles} files parsed");
    }

    [TestMethod]
    public void A_walk_abandoned_by_an_exception_leaves_later_walks_intact()
    {
        var program = new Parser(new ParserOptions { SourceType = SourceType.Module })
            .Parse("if (a) { f(b, c); } else { g([d, e]); }\nexport const x = { y: 1, z };");
        var expected = new List<Node>();
        Walk(program, expected);

        // Abandon walks at every depth: each range is popped by its enumerator's Dispose as the exception passes.
        for (var stopAt = 1; stopAt < expected.Count; stopAt++)
        {
            var seen = 0;
            try
            {
                ThrowingWalk(program, ref seen, stopAt);
            }
            catch (InvalidOperationException)
            {
            }

            Assert.AreEqual(0, NodeChildren.PendingOnThisThread, $"ranges left on the stack after stopping at node {stopAt}");
            var again = new List<Node>();
            Walk(program, again);
            CollectionAssert.AreEqual(expected, again, $"after stopping at node {stopAt}");
        }
    }

    [TestMethod]
    public void Walks_on_several_threads_do_not_share_ranges()
    {
        var program = new Parser(new ParserOptions { SourceType = SourceType.Script })
            .Parse(string.Concat(Enumerable.Range(0, 200).Select(i => $"function f{i}(a, b) {{ return [a, b, {{ k: a + {i} }}]; }}\n")));
        var expected = new List<Node>();
        Walk(program, expected);
        var results = new List<Node>[8];
        Parallel.For(0, results.Length, i =>
        {
            results[i] = [];
            Walk(program, results[i]);
            Assert.AreEqual(0, NodeChildren.PendingOnThisThread);
        });
        foreach (var result in results)
        {
            CollectionAssert.AreEqual(expected, result);
        }
    }

    private static Program? TryParse(string source)
    {
        foreach (var goal in new[] { SourceType.Module, SourceType.Script })
        {
            try
            {
                return new Parser(new ParserOptions { SourceType = goal }).Parse(source);
            }
            catch (SyntaxErrorException)
            {
            }
        }

        return null;
    }

    private static void Walk(Node node, List<Node> into)
    {
        into.Add(node);
        foreach (var child in node.ChildNodes())
        {
            Walk(child, into);
        }
    }

    private static void ThrowingWalk(Node node, ref int seen, int stopAt)
    {
        if (++seen == stopAt)
        {
            throw new InvalidOperationException("stop");
        }

        foreach (var child in node.ChildNodes())
        {
            ThrowingWalk(child, ref seen, stopAt);
        }
    }

    // Every JSON object with a "type" is a node; "loc", "regex" and template "value" objects are not.
    private static void Collect(JsonElement element, List<(string Type, int Start)> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    into.Add((type.GetString()!, element.GetProperty("start").GetInt32()));
                }

                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
        }
    }
}
