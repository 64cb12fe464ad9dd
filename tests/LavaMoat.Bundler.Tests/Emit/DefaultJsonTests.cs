using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tests.Emit;

/// <summary>
/// The module table's deps and meta objects, written by hand, are byte for byte what <see cref="Utf8JsonWriter"/>
/// with default options writes (the HTML-safe escaping included), so bundles do not change.
/// </summary>
[TestClass]
public sealed class DefaultJsonTests
{
    [TestMethod]
    public void Every_ASCII_character_is_written_as_Utf8JsonWriter_writes_it()
    {
        for (var c = (char)0; c < 0x80; c++)
        {
            var text = $"a{c}b";
            AssertSameAsUtf8JsonWriter(new Dictionary<string, int> { [text] = 1 }, text, text, ModuleShape.CommonJs);
        }
    }

    [TestMethod]
    public void Names_and_paths_as_they_come_are_written_as_Utf8JsonWriter_writes_them()
    {
        var dependencies = new Dictionary<string, int>
        {
            ["./lib/a.js"] = 3,
            ["@scope/pkg/sub?raw"] = -1,
            ["b<c>&d'e\"f+g`h\\i"] = 2147483647,
            ["é/ü/\u2028/\U0001F600"] = 0,
            ["\uD800"] = 12,
        };
        AssertSameAsUtf8JsonWriter(dependencies, "foo>bar>@scope/baz", "node_modules/foo/a b/[x]{y}~$!#%.js", ModuleShape.EsModule);
        AssertSameAsUtf8JsonWriter(dependencies, "$root$", "src/ünïcode/file.js", ModuleShape.AsyncEsModule);
        AssertSameAsUtf8JsonWriter(new Dictionary<string, int>(), "external:https://x.test/a.js", "src/index.js", ModuleShape.CommonJs);
    }

    [TestMethod]
    public void Random_strings_are_written_as_Utf8JsonWriter_writes_them()
    {
        var random = new Random(23);
        for (var round = 0; round < 300; round++)
        {
            string Text()
            {
                var chars = new char[random.Next(0, 12)];
                for (var i = 0; i < chars.Length; i++)
                {
                    // Mostly printable ASCII (the hand-written path), now and then anything else.
                    chars[i] = random.Next(20) == 0 ? (char)random.Next(0, 0xD800) : (char)random.Next(0x20, 0x7f);
                }

                return new string(chars);
            }

            var dependencies = new Dictionary<string, int>();
            for (var d = random.Next(0, 6); d > 0; d--)
            {
                dependencies[Text()] = random.Next(int.MinValue, int.MaxValue);
            }

            AssertSameAsUtf8JsonWriter(dependencies, Text(), Text(), (ModuleShape)random.Next(0, 3));
        }
    }

    private static void AssertSameAsUtf8JsonWriter(Dictionary<string, int> dependencies, string package, string file, ModuleShape shape)
    {
        Assert.AreEqual(
            Reference(w =>
            {
                w.WriteStartObject();
                foreach (var (specifier, id) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(specifier, id);
                }

                w.WriteEndObject();
            }),
            DefaultJson.Dependencies(dependencies));
        Assert.AreEqual(
            Reference(w =>
            {
                w.WriteStartObject();
                w.WriteString("package", package);
                w.WriteString("file", file);
                if (shape != ModuleShape.CommonJs)
                {
                    w.WriteBoolean("esm", true);
                }

                if (shape == ModuleShape.AsyncEsModule)
                {
                    w.WriteBoolean("async", true);
                }

                w.WriteEndObject();
            }),
            DefaultJson.Meta(package, file, shape));
    }

    private static string Reference(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
