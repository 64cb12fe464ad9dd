using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

/// <summary>SCAFFOLD — the parser helper replaces this file with the real implementation.</summary>
public sealed partial class Parser
{
    private readonly ParserOptions _options;

    public Parser(ParserOptions? options = null) => _options = options ?? new ParserOptions();

    public Program Parse(string source) => _options.SourceType == SourceType.Module ? ParseModule(source) : ParseScript(source);

    public Program ParseScript(string source) => throw new NotImplementedException(source);

    public Program ParseModule(string source) => throw new NotImplementedException(source);
}
