using System.Text;
using System.Text.Json;

namespace LavaMoat.Bundler.Tool;

/// <summary>
/// Renders diagnostics and results per <see cref="OutputFormat"/>. Paths are what the reader can open: relative to
/// the current directory in text (terminals resolve them there), full in msbuild and json (an IDE or a script does
/// not know where the tool ran). The pipeline's diagnostic paths are project-relative; they are re-rooted here.
/// </summary>
internal sealed class DiagnosticPrinter(OutputFormat format, string projectRoot, string currentDirectory)
{
    /// <summary>A full path as this format shows it.</summary>
    public string DisplayPath(string fullPath) => format == OutputFormat.Text
        ? Path.GetRelativePath(currentDirectory, fullPath).Replace('\\', '/')
        : fullPath;

    /// <summary>The full path of a diagnostic's project-relative (or already full) file.</summary>
    public string FullPath(string file) => Path.GetFullPath(file, projectRoot);

    /// <summary><c>file(line,col): error CODE: message</c> and the details indented below it.</summary>
    public string Format(BuildDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return (diagnostic.File is { } file ? diagnostic with { File = DisplayPath(FullPath(file)) } : diagnostic).ToString();
    }

    /// <summary>The <c>--format json</c> document: everything a script needs, in one parse.</summary>
    public string Json(BundleResult result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("success", result.Success);
            json.WriteString("projectRoot", projectRoot);
            json.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code);
                json.WriteString("severity", d.IsError ? "error" : "warning");
                json.WriteString("message", d.Message);
                if (d.File is { } file)
                {
                    json.WriteString("file", FullPath(file));
                }
                else
                {
                    json.WriteNull("file");
                }

                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteStartArray("details");
                foreach (var detail in d.Details.IsDefault ? [] : d.Details)
                {
                    json.WriteStringValue(detail);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in result.WrittenFiles)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
            json.WriteStartObject("stats");
            json.WriteNumber("modules", result.Stats.Modules);
            json.WriteNumber("packages", result.Stats.Packages);
            json.WriteNumber("bytes", result.Stats.BundleBytes);
            json.WriteNumber("elapsedMs", Math.Round(elapsed.TotalMilliseconds, 1));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
