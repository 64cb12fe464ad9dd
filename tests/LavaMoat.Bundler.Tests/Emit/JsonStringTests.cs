using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tests.Emit;

/// <summary>
/// The source map's hand-written JSON strings: whatever a source file holds, a JSON parser reads back the same
/// text, and what cannot travel as UTF-8 (an unpaired surrogate) travels escaped.
/// </summary>
[TestClass]
public sealed class JsonStringTests
{
    [TestMethod]
    public void Every_character_that_JSON_requires_escaped_reads_back_unchanged()
    {
        var text = new StringBuilder("plain ");
        for (var c = 0; c < 0x20; c++)
        {
            text.Append((char)c).Append('x');
        }

        text.Append("\"quoted\" back\\slash /slash </script> <!-- --> & ' + é \u2028\u2029 \U0001F600 end");
        var original = text.ToString();

        var json = Write(original);

        Assert.AreEqual(original, JsonDocument.Parse(json).RootElement.GetString());
        Assert.IsFalse(json[1..^1].Any(c => c < 0x20), "no raw control character inside the literal");
        StringAssert.Contains(json, "\\n");
        StringAssert.Contains(json, "\\u001f");
        // Characters JSON allows raw stay raw (the map stays small): no HTML-safe escaping.
        StringAssert.Contains(json, "</script> <!-- --> & ' + é");
        StringAssert.Contains(json, "\U0001F600");
    }

    [TestMethod]
    public void Unpaired_surrogates_are_escaped_and_pairs_are_kept()
    {
        var original = "a\uD800b\uDC00c\uD83D\uDE00d\uDBFF";

        var json = Write(original);

        Assert.AreEqual("\"a\\ud800b\\udc00c\uD83D\uDE00d\\udbff\"", json);
        // Encoded as UTF-8 the literal is valid (no replacement character), so the map file loses nothing.
        var bytes = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(json);
        Assert.AreEqual(json, Encoding.UTF8.GetString(bytes));
    }

    [TestMethod]
    public void Random_texts_read_back_unchanged()
    {
        var random = new Random(6);
        for (var round = 0; round < 200; round++)
        {
            var chars = new char[random.Next(0, 300)];
            for (var i = 0; i < chars.Length; i++)
            {
                // Mostly ASCII with control characters, quotes and backslashes; some BMP characters.
                chars[i] = random.Next(4) == 0 ? (char)random.Next(0x80, 0xD800) : (char)random.Next(0, 0x80);
            }

            var original = new string(chars);
            Assert.AreEqual(original, JsonDocument.Parse(Write(original)).RootElement.GetString(), $"round {round}");
        }
    }

    private static string Write(string value)
    {
        var output = new StringBuilder();
        JsonString.Append(output, value);
        return output.ToString();
    }
}
