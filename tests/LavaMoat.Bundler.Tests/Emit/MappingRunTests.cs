using System.Text.Json;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tests.Emit;

/// <summary>
/// Modules' segments are encoded apart (on worker threads) and chained afterwards; the chained <c>mappings</c>
/// must be the very string that adding every segment one by one gives.
/// </summary>
[TestClass]
public sealed class MappingRunTests
{
    [TestMethod]
    public void Chained_runs_encode_like_segments_added_one_by_one()
    {
        var random = new Random(17);
        for (var round = 0; round < 300; round++)
        {
            var modules = RandomModules(random);
            Assert.AreEqual(Sequential(modules), Chained(modules), $"round {round}");
        }
    }

    [TestMethod]
    public void A_module_whose_code_starts_mid_line_shifts_only_its_first_line()
    {
        // Code starting at column 7 of line 3: its line 0 segments land at columns 7+, later lines keep theirs.
        var modules = new[]
        {
            new RandomModule(0, 0, [(0, 0, 0, 0), (0, 4, 0, 4)]),
            new RandomModule(3, 7, [(0, 0, 0, 0), (0, 2, 0, 2), (1, 0, 1, 0), (1, 5, 1, 5)]),
        };

        Assert.AreEqual("AAAA,IAAI;;;OCAJ,EAAE;AACF,KAAK", Chained(modules));
        Assert.AreEqual(Sequential(modules), Chained(modules));
    }

    [TestMethod]
    public void Both_VLQ_encoders_agree_on_every_magnitude()
    {
        var values = new List<int> { int.MinValue, int.MinValue + 1, int.MaxValue };
        for (var bit = 0; bit < 31; bit++)
        {
            values.AddRange([1 << bit, (1 << bit) - 1, (1 << bit) + 1, -(1 << bit), 1 - (1 << bit), -1 - (1 << bit)]);
        }

        foreach (var value in values)
        {
            var builder = new System.Text.StringBuilder();
            Base64Vlq.Encode(builder, value);
            var array = new char[Base64Vlq.MaxLength + 2];
            var end = Base64Vlq.Encode(array, 1, value);
            Assert.AreEqual(builder.ToString(), new string(array, 1, end - 1), $"{value}");
        }
    }

    /// <summary>The identity shortcut writes exactly what the general path writes for a segment further along the
    /// line with the same shift, for one-digit and longer column deltas, after shifted and unshifted starts.</summary>
    [TestMethod]
    public void Segments_along_a_line_encode_like_the_general_path()
    {
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var (general, shortcut) = (new MappingRun(), new MappingRun());
            for (var line = 0; line < 4; line++)
            {
                var (column, shift) = (random.Next(0, 40), random.Next(-5, 30));
                general.Add(line, column, line + shift, column + shift);
                shortcut.Add(line, column, line + shift, column + shift);
                for (var n = random.Next(0, 20); n > 0; n--)
                {
                    column += random.Next(3) switch { 0 => 0, 1 => random.Next(1, 16), _ => random.Next(16, 5000) };
                    general.Add(line, column, line + shift, column + shift);
                    shortcut.AddAlongLine(column);
                }
            }

            Assert.AreEqual(new string(general.Rest.Span), new string(shortcut.Rest.Span), $"round {round}");
            Assert.AreEqual((general.LastLine, general.LastColumn, general.LastOriginalLine, general.LastOriginalColumn), (shortcut.LastLine, shortcut.LastColumn, shortcut.LastOriginalLine, shortcut.LastOriginalColumn));
        }

        Assert.ThrowsExactly<InvalidOperationException>(() => new MappingRun().AddAlongLine(3), "no segment to follow");
    }

    [TestMethod]
    public void Segments_out_of_generated_order_are_refused()
    {
        var run = new MappingRun();
        run.Add(2, 5, 0, 0);
        Assert.ThrowsExactly<InvalidOperationException>(() => run.Add(2, 4, 0, 0));
        Assert.ThrowsExactly<InvalidOperationException>(() => run.Add(1, 9, 0, 0));

        // A run may not start before what the map already holds either.
        var map = new SourceMapBuilder();
        map.Add(10, 3, map.AddSource("a.js", JsonString.Quote("")), 0, 0);
        var late = new MappingRun();
        late.Add(0, 0, 0, 0);
        Assert.ThrowsExactly<InvalidOperationException>(() => map.Append(late, 0, 9, 0));
        Assert.ThrowsExactly<InvalidOperationException>(() => map.Append(late, 0, 10, 2));
    }

    /// <summary>Code starting at <paramref name="Line"/>/<paramref name="Column"/>; segments relative to it
    /// (generated line, generated column, original line, original column).</summary>
    private sealed record RandomModule(int Line, int Column, List<(int Line, int Column, int OriginalLine, int OriginalColumn)> Segments);

    private static string Sequential(IReadOnlyList<RandomModule> modules)
    {
        var map = new SourceMapBuilder();
        for (var i = 0; i < modules.Count; i++)
        {
            var module = modules[i];
            var source = map.AddSource($"m{i}.js", JsonString.Quote($"source {i}"));
            foreach (var (line, column, originalLine, originalColumn) in module.Segments)
            {
                map.Add(module.Line + line, (line == 0 ? module.Column : 0) + column, source, originalLine, originalColumn);
            }
        }

        return Mappings(map);
    }

    private static string Chained(IReadOnlyList<RandomModule> modules)
    {
        // Encoded in parallel and out of order, as the writer's worker threads may.
        var runs = new MappingRun[modules.Count];
        Parallel.For(0, modules.Count, i =>
        {
            var run = new MappingRun();
            foreach (var (line, column, originalLine, originalColumn) in modules[i].Segments)
            {
                run.Add(line, column, originalLine, originalColumn);
            }

            runs[i] = run;
        });

        var map = new SourceMapBuilder();
        for (var i = 0; i < modules.Count; i++)
        {
            var source = map.AddSource($"m{i}.js", JsonString.Quote($"source {i}"));
            map.Append(runs[i], source, modules[i].Line, modules[i].Column);
        }

        return Mappings(map);
    }

    private static string Mappings(SourceMapBuilder map)
    {
        using var json = JsonDocument.Parse(map.ToJson("bundle.js", null));
        return json.RootElement.GetProperty("mappings").GetString()!;
    }

    private static List<RandomModule> RandomModules(Random random)
    {
        var modules = new List<RandomModule>();
        // Where the previous module's last segment is: a module's segments may not come before it.
        var (lastLine, lastColumn) = (0, 0);
        var count = random.Next(0, 12);
        for (var m = 0; m < count; m++)
        {
            // Sometimes on the line where the previous module ended, mostly a few lines on; the first one may start at 0:0.
            var line = lastLine + (random.Next(3) == 0 ? 0 : random.Next(1, 5));
            var column = line == lastLine ? lastColumn + random.Next(0, 4) : random.Next(0, 4) == 0 ? random.Next(0, 30) : 0;
            var segments = new List<(int, int, int, int)>();
            var (segmentLine, segmentColumn) = (0, 0);
            var segmentCount = random.Next(5) == 0 ? 0 : random.Next(1, 40);
            for (var s = 0; s < segmentCount; s++)
            {
                // Mostly the same or the next line, sometimes far on (empty lines in between).
                var step = random.Next(10) switch
                {
                    < 5 => 0,
                    < 9 => 1,
                    _ => random.Next(2, 60),
                };
                if (s > 0 && step == 0)
                {
                    segmentColumn += random.Next(0, 20);
                }
                else
                {
                    segmentLine += s == 0 ? random.Next(0, 3) : step;
                    segmentColumn = random.Next(0, 40);
                }

                // Original positions go anywhere, backwards too (transforms move code around).
                segments.Add((segmentLine, segmentColumn, random.Next(0, 500), random.Next(0, 120)));
            }

            modules.Add(new RandomModule(line, column, segments));
            if (segments.Count > 0)
            {
                var (endLine, endColumn, _, _) = segments[^1];
                (lastLine, lastColumn) = (line + endLine, (endLine == 0 ? column : 0) + endColumn);
            }
            else
            {
                (lastLine, lastColumn) = (line, column);
            }
        }

        return modules;
    }
}
