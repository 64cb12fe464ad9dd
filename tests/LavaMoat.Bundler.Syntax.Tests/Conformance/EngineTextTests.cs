using System.Globalization;
using System.Text;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>
/// The number and string text our JSON writer produces, checked against Node's own <c>String(x)</c> and
/// <c>JSON.stringify</c> on many deterministic pseudo-random values: every Literal in every comparison
/// depends on these being exactly the engine's.
/// </summary>
[TestClass]
public sealed class EngineTextTests
{
    [TestMethod]
    public void JsNumber_prints_every_double_like_javascript()
    {
        var values = SampleDoubles();
        var input = string.Concat(values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture) + "\n"));
        var expected = NodeRunner.Run("engine-text.mjs", ["numbers"], input).StandardOutput.Split('\n');
        var failures = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var ours = JsNumber.ToJsString(values[i]);
            if (ours != expected[i])
            {
                failures.Add($"{values[i].ToString("R", CultureInfo.InvariantCulture)} (bits {BitConverter.DoubleToInt64Bits(values[i]):x16}): JS {expected[i]}, ours {ours}");
            }
        }

        Assert.IsEmpty(failures, $"{failures.Count} of {values.Count} doubles print differently:\n" + string.Join("\n", failures.Take(30)));
    }

    [TestMethod]
    public void Writer_escapes_strings_like_JSON_stringify()
    {
        var strings = SampleStrings();
        var input = string.Concat(strings.Select(s => (s.Length == 0 ? "-" : string.Join(',', s.Select(c => ((int)c).ToString("x", CultureInfo.InvariantCulture)))) + "\n"));
        var expected = NodeRunner.Run("engine-text.mjs", ["strings"], input).StandardOutput.Split('\n');
        var failures = new List<string>();
        for (var i = 0; i < strings.Count; i++)
        {
            var json = EstreeJsonWriter.Write(new Literal(LiteralKind.String, strings[i], "r"), sortKeys: true);
            // Sorted keys: …,"raw":"r","start":0,"type":"Literal","value":<string>}
            const string marker = "\"type\":\"Literal\",\"value\":";
            var ours = json[(json.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^1];
            if (ours != expected[i])
            {
                failures.Add($"units [{string.Join(' ', strings[i].Select(c => ((int)c).ToString("x4", CultureInfo.InvariantCulture)))}]: JS {expected[i]}, ours {ours}");
            }
        }

        Assert.IsEmpty(failures, $"{failures.Count} of {strings.Count} strings escape differently:\n" + string.Join("\n", failures.Take(30)));
    }

    [TestMethod]
    public void Sorted_and_readable_writer_output_hold_the_same_properties()
    {
        // A small hand-built tree exercising the nested objects whose key order the writer arranges itself.
        var tree = new Program(
            new NodeList<Statement>(new Statement[]
            {
                new ExpressionStatement(new Literal(LiteralKind.RegExp, null, "/a/g", new RegExpValue("a", "g")), null),
                new ExpressionStatement(new TemplateLiteral(new NodeList<Expression>(Array.Empty<Expression>()), new NodeList<TemplateElement>(new[] { new TemplateElement(new TemplateValue("x\\u", null), true) })), null),
            }),
            SourceType.Module);
        var readable = EstreeJsonWriter.Write(tree);
        var sorted = EstreeJsonWriter.Write(tree, sortKeys: true);
        Assert.AreEqual(Canonicalize(readable), sorted);
        StringAssert.StartsWith(readable, "{\"type\":\"Program\",\"start\":0,\"end\":0,\"loc\":{\"start\":{\"line\":0,\"column\":0}");
        StringAssert.Contains(sorted, "\"regex\":{\"flags\":\"g\",\"pattern\":\"a\"}");
        StringAssert.Contains(sorted, "\"value\":{\"cooked\":null,\"raw\":\"x\\\\u\"}");
    }

    // Re-emits JSON with every object's keys in ordinal order (small inputs only: System.Text.Json nodes).
    private static string Canonicalize(string json)
    {
        static System.Text.Json.Nodes.JsonNode? Sort(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(
                o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(i => Sort(i?.DeepClone())).ToArray()),
            _ => node?.DeepClone(),
        };

        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return Sort(System.Text.Json.Nodes.JsonNode.Parse(json))!.ToJsonString(options);
    }

    private static List<double> SampleDoubles()
    {
        var random = new Random(20261121);
        var values = new List<double>
        {
            0, 1, -1, 0.1, 0.2 + 0.1, 1e21, 1e21 - 65536, 999999999999999900000.0, 1e-6, 1e-7, 1.5e-7, 123e-20, 5e-324,
            double.MaxValue, double.Epsilon, 9007199254740992, 9007199254740993, 4294967295, 4294967296, 1.7976931348623157e308,
            2.2250738585072014e-308, 0.000001234, 1234567890123456789, 100, 1e100, 1.23e+21, 12345678901234567890123.0,
        };
        var bits = new byte[8];
        while (values.Count < 20_000)
        {
            random.NextBytes(bits);
            var d = BitConverter.ToDouble(bits);
            if (double.IsFinite(d))
            {
                values.Add(Math.Abs(d));
            }
        }

        for (var i = 0; i < 10_000; i++)
        {
            // Short decimal literals like the ones source code holds, across the exponent switch-over points.
            var digits = random.NextInt64(1, 100_000_000_000_000_000).ToString(CultureInfo.InvariantCulture);
            digits = digits[..Math.Min(digits.Length, random.Next(1, 18))];
            var exponent = random.Next(-30, 30);
            values.Add(double.Parse($"{digits}e{exponent}", CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < 5_000; i++)
        {
            values.Add(random.NextInt64(0, long.MaxValue) >> random.Next(0, 63));
        }

        return values;
    }

    private static List<string> SampleStrings()
    {
        var random = new Random(7);
        char[] interesting = ['"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\0', '\u0001', '\u001f', '\u007f', '\u0080', '\u00ff', '\u2028', '\u2029', '\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\ufffe', '\uffff', '<', '>', '&', '\'', '`'];
        var strings = new List<string> { string.Empty, "\ud83d\ude00", "\ude00\ud83d", "a\ud800", "\udc00a" };
        for (var i = 0; i < 3_000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 12);
            for (var j = 0; j < length; j++)
            {
                builder.Append(random.Next(4) switch
                {
                    0 => interesting[random.Next(interesting.Length)],
                    1 => (char)random.Next(0x20, 0x7f),
                    2 => (char)random.Next(0, 0x10000),
                    _ => (char)random.Next(0, 0x100),
                });
            }

            strings.Add(builder.ToString());
        }

        for (var c = 0; c < 0x10000; c += 1)
        {
            if (c < 0x100 || (c >= 0xd7f0 && c < 0xe010) || c >= 0xfff0 || c is 0x2028 or 0x2029)
            {
                strings.Add(((char)c).ToString());
            }
        }

        return strings;
    }
}
