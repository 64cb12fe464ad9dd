using System.Reflection;
using System.Text;

namespace LavaMoat.Bundler.Emit;

/// <summary>The SES shim, the kernel and the templates, embedded at build time and split once per process.</summary>
internal sealed class EmbeddedAssets
{
    private static readonly Lazy<EmbeddedAssets> Shared = new(Load);

    private EmbeddedAssets(string ses, string kernel, Template shell, Template prelude, Template wrapper)
    {
        Ses = ses;
        Kernel = kernel;
        BundleShell = shell;
        RuntimePrelude = prelude;
        ModuleWrapper = wrapper;
    }

    public static EmbeddedAssets Instance => Shared.Value;

    /// <summary><c>ses/dist/ses.umd.min.js</c> of the pinned ses version, verbatim.</summary>
    public string Ses { get; }

    /// <summary><c>runtime-js/kernel.js</c>: one function expression.</summary>
    public string Kernel { get; }

    public Template BundleShell { get; }

    public Template RuntimePrelude { get; }

    public Template ModuleWrapper { get; }

    private static EmbeddedAssets Load()
    {
        var wrapper = Template.Parse("module-wrapper.js", Read("Templates.module-wrapper.js"));
        // Module code must start a line, so its columns are the original columns (exact source maps).
        if (wrapper.GetSlot("code").Column != 0)
        {
            throw new InvalidOperationException("module-wrapper.js: the code slot must start a line");
        }
        // The writer verifies each entry without the separator after it, and then writes the separator itself.
        if (wrapper.Parts[^1] is not { IsSlot: false } last || !last.Text.EndsWith(BundleWriter.EntrySeparator, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"module-wrapper.js: the template must end with \"{BundleWriter.EntrySeparator}\", which separates entries");
        }
        return new EmbeddedAssets(
            Read("Runtime.ses.umd.min.js"),
            Read("Runtime.kernel.js").TrimEnd('\n', ' '),
            Template.Parse("bundle-shell.js", Read("Templates.bundle-shell.js")),
            Template.Parse("runtime-prelude.js", Read("Templates.runtime-prelude.js")),
            wrapper);
    }

    private static string Read(string name)
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream("LavaMoat.Bundler." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        return reader.ReadToEnd();
    }
}
