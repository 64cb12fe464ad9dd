using System.Runtime.CompilerServices;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax;

/// <summary>
/// Turns "this thread is about to run out of stack" into a located <see cref="SyntaxErrorException"/> instead of a
/// process crash. Recursive walkers (the parser, visitors, the JSON writer) call it once per level.
/// </summary>
public static class StackGuard
{
    public static void Ensure(Node node)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new SyntaxErrorException("Nesting is too deep to process", node.Start, node.Location.Start.Line, node.Location.Start.Column);
        }
    }
}
