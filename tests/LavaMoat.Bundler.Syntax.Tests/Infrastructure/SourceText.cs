using System.Text;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>Reads a source file into the same UTF-16 text Node's <c>readFileSync(file, 'utf8')</c> gives.</summary>
public static class SourceText
{
    /// <summary>
    /// Decodes UTF-8 keeping a leading byte order mark as U+FEFF, as Node does (File.ReadAllText would drop it
    /// and shift every offset by one against acorn's).
    /// </summary>
    public static string Read(string path) => Encoding.UTF8.GetString(File.ReadAllBytes(path));

    /// <summary>
    /// Writes text as UTF-8 without a byte order mark; a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD,
    /// where File.WriteAllText would throw.
    /// </summary>
    public static void Write(string path, string text) => File.WriteAllBytes(path, Lenient.GetBytes(text));

    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}
