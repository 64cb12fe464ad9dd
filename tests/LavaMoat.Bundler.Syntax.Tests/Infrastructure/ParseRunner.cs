using System.Runtime.ExceptionServices;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>What our parser did with one text: a tree, a syntax error, another exception (a bug), or no answer in time.</summary>
public sealed record ParseOutcome(Program? Tree, SyntaxErrorException? SyntaxError, Exception? Crash, bool TimedOut)
{
    public bool Accepted => Tree is not null;

    public string Describe() =>
        Tree is not null ? "accepted" :
        SyntaxError is not null ? $"SyntaxError: {SyntaxError.Message} @{SyntaxError.Index}" :
        Crash is not null ? $"CRASH {Crash.GetType().Name}: {FirstLine(Crash.Message)}" :
        "TIMEOUT";

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}

/// <summary>
/// Runs our parser the way the tests need it: on a fresh thread with an ordinary 1 MB stack (so deep nesting
/// is tested against the stack real callers have) and a time limit (so a hang fails a test instead of the run).
/// </summary>
public static class ParseRunner
{
    /// <summary>The stack size of the parsing thread: the default of a .NET thread on Windows, smaller than Linux's.</summary>
    public const int StackSize = 1024 * 1024;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Parses <paramref name="source"/> with the goal given and reports the outcome; never throws.</summary>
    public static ParseOutcome Parse(string source, SourceType sourceType, TimeSpan? timeout = null) =>
        Run(() => new Parser(new ParserOptions { SourceType = sourceType }).Parse(source), timeout);

    /// <summary>Runs any parse-like function with the same thread, stack and time limit.</summary>
    public static ParseOutcome Run(Func<Program> parse, TimeSpan? timeout = null)
    {
        ParseOutcome? outcome = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = new ParseOutcome(parse(), null, null, false);
                }
                catch (SyntaxErrorException error)
                {
                    outcome = new ParseOutcome(null, error, null, false);
                }
#pragma warning disable CA1031 // Any other exception is exactly what the tests look for: record it, never crash the host.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    outcome = new ParseOutcome(null, null, error, false);
                }
            },
            StackSize)
        {
            IsBackground = true, // a hung parse must not keep the test host alive
            Name = "parse",
        };
        thread.Start();
        if (!thread.Join(timeout ?? DefaultTimeout))
        {
            return new ParseOutcome(null, null, null, true);
        }

        return outcome ?? throw new InvalidOperationException("The parse thread ended without an outcome.");
    }

    /// <summary>Runs <paramref name="action"/> on a 1 MB-stack thread and rethrows what it throws.</summary>
    public static T OnParseThread<T>(Func<T> action, TimeSpan? timeout = null) => OnParseThreadWithStack(action, StackSize, timeout);

    /// <summary>Runs <paramref name="action"/> on a fresh thread with the given stack and rethrows what it throws.</summary>
    public static T OnParseThreadWithStack<T>(Func<T> action, int stackSize, TimeSpan? timeout = null)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = action();
                }
#pragma warning disable CA1031 // rethrown on the calling thread below
                catch (Exception error)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(error);
                }
            },
            stackSize)
        {
            IsBackground = true,
        };
        thread.Start();
        if (!thread.Join(timeout ?? DefaultTimeout))
        {
            throw new TimeoutException($"No result within {timeout ?? DefaultTimeout}.");
        }

        failure?.Throw();
        return result;
    }
}
