using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LavaMoat.Bundler.Emit;

/// <summary>
/// JSON text exactly as <see cref="Utf8JsonWriter"/> writes it with default options, which is how the bundle's
/// tables have always been written (same input, same bytes, across versions too).
/// </summary>
/// <remarks>
/// Every module entry carries two small objects (its dependencies and its meta). A writer, a stream and a UTF-8
/// round trip for each cost more than the text itself, so these two are written by hand when their strings are
/// printable ASCII — where the default escaping is simple: the HTML-sensitive <c>" &amp; ' + &lt; &gt; `</c> as
/// <c>\u00XX</c>, the backslash as <c>\\</c>. Anything else (control characters, non-ASCII, which the default
/// encoder escapes by its own tables) goes through <see cref="Utf8JsonWriter"/> itself.
/// </remarks>
internal static class DefaultJson
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><c>{"specifier":id,…}</c>, sorted by specifier (ordinal).</summary>
    public static string Dependencies(IReadOnlyDictionary<string, int> dependencies)
    {
        if (dependencies.Count == 0)
        {
            return "{}";
        }

        var sorted = OrdinalOrder.ByKey(dependencies);
        if (!Array.TrueForAll(sorted, d => IsPrintableAscii(d.Key)))
        {
            return Write(w =>
            {
                w.WriteStartObject();
                foreach (var (specifier, id) in sorted)
                {
                    w.WriteNumber(specifier, id);
                }

                w.WriteEndObject();
            });
        }

        var json = new StringBuilder("{");
        foreach (var (specifier, id) in sorted)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            AppendString(json, specifier);
            json.Append(':').Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return json.Append('}').ToString();
    }

    /// <summary><c>{"package":…,"file":…}</c>, plus <c>"esm":true</c> and <c>"async":true</c> for those shapes.</summary>
    public static string Meta(string package, string file, ModuleShape shape)
    {
        var esm = shape != ModuleShape.CommonJs;
        var async = shape == ModuleShape.AsyncEsModule;
        if (!IsPrintableAscii(package) || !IsPrintableAscii(file))
        {
            return Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("package", package);
                w.WriteString("file", file);
                if (esm)
                {
                    w.WriteBoolean("esm", true);
                }

                if (async)
                {
                    w.WriteBoolean("async", true);
                }

                w.WriteEndObject();
            });
        }

        var json = new StringBuilder(package.Length + file.Length + 48);
        json.Append("{\"package\":");
        AppendString(json, package);
        json.Append(",\"file\":");
        AppendString(json, file);
        json.Append(esm ? ",\"esm\":true" : "").Append(async ? ",\"async\":true" : "").Append('}');
        return json.ToString();
    }

    private static bool IsPrintableAscii(string value) => !value.AsSpan().ContainsAnyExceptInRange(' ', '~');

    private static void AppendString(StringBuilder json, string printableAscii)
    {
        json.Append('"');
        foreach (var c in printableAscii)
        {
            switch (c)
            {
                case '\\':
                    json.Append("\\\\");
                    break;
                case '"' or '&' or '\'' or '+' or '<' or '>' or '`':
                    json.Append("\\u00").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
