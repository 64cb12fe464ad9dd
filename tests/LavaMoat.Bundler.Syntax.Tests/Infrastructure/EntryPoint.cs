namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>
/// The test assembly's entry point (it replaces the empty one Microsoft.NET.Test.Sdk would generate; see
/// GenerateProgramFile in the project). The test host never calls it; <see cref="IsolatedParse"/> runs the
/// assembly with <c>dotnet exec</c> to parse in a child process.
/// </summary>
public static class EntryPoint
{
    public const string IsolatedParseCommand = "isolated-parse";

    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == IsolatedParseCommand)
        {
            return IsolatedParse.ChildMain(args[1], args[2]);
        }

        Console.Error.WriteLine($"usage: dotnet exec LavaMoat.Bundler.Syntax.Tests.dll {IsolatedParseCommand} <script|module> <file>");
        return 2;
    }
}
