namespace LavaMoat.Bundler.Emit;

/// <summary>The text the writer produced. All of it is UTF-8 and must be served as such (the SES shim has
/// non-ASCII identifiers).</summary>
/// <param name="Bundle">The bundle script (a classic, sloppy script: the module wrappers use <c>with</c>).</param>
/// <param name="SourceMap">The source map JSON when <see cref="SourceMapMode.External"/>; otherwise <c>null</c>.</param>
/// <param name="Runtime">The runtime script when <see cref="RuntimePlacement.Separate"/>; otherwise <c>null</c>.</param>
public sealed record BundleOutput(string Bundle, string? SourceMap, string? Runtime);
