namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>
/// A template chunk's text. <see cref="Raw"/> is the source text with line terminators normalised to LF;
/// <see cref="Cooked"/> is null when a tagged template holds an invalid escape.
/// </summary>
public sealed record TemplateValue(string Raw, string? Cooked);
