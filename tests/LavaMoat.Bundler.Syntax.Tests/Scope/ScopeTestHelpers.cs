using System.Text;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;

namespace LavaMoat.Bundler.Syntax.Tests.Scoping;

/// <summary>Short ways to analyse a snippet and describe the result in the tests' expectations.</summary>
internal static class ScopeTestHelpers
{
    public static ScopeAnalysis Script(string code) =>
        ScopeAnalyzer.Analyze(new Parser(new ParserOptions { SourceType = SourceType.Script }).Parse(code));

    public static ScopeAnalysis Module(string code) =>
        ScopeAnalyzer.Analyze(new Parser(new ParserOptions { SourceType = SourceType.Module }).Parse(code));

    /// <summary>The free names in order of first occurrence, each as <c>name:R</c>, <c>name:W</c> or <c>name:RW</c>, space-separated.</summary>
    public static string Free(this ScopeAnalysis analysis)
    {
        var text = new StringBuilder();
        foreach (var name in analysis.FreeNames)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(name.Name).Append(':').Append(name.IsRead ? "R" : string.Empty).Append(name.IsWritten ? "W" : string.Empty);
        }

        return text.ToString();
    }

    /// <summary>The <paramref name="occurrence"/>-th (0-based, source order) reference named <paramref name="name"/>.</summary>
    public static Reference Ref(this ScopeAnalysis analysis, string name, int occurrence = 0)
    {
        var seen = 0;
        foreach (var reference in analysis.References)
        {
            if (reference.Name == name && seen++ == occurrence)
            {
                return reference;
            }
        }

        throw new AssertFailedException($"No reference #{occurrence} to {name}; references: {string.Join(", ", analysis.References)}");
    }

    /// <summary>How many references name <paramref name="name"/>.</summary>
    public static int CountRefs(this ScopeAnalysis analysis, string name) => analysis.References.Count(r => r.Name == name);

    /// <summary>"Kind@ScopeKind" of what the reference resolves to, or "free".</summary>
    public static string Target(this Reference reference) =>
        reference.Variable is { } variable ? $"{variable.Kind}@{variable.Scope.Kind}" : "free";

    /// <summary>Target of the <paramref name="occurrence"/>-th reference to <paramref name="name"/>.</summary>
    public static string Target(this ScopeAnalysis analysis, string name, int occurrence = 0) => analysis.Ref(name, occurrence).Target();

    /// <summary>The scopes as "Kind" in pre-order, each child indented by its depth with '>' marks.</summary>
    public static string Tree(this ScopeAnalysis analysis)
    {
        var parts = new List<string>();
        foreach (var scope in analysis.Scopes)
        {
            var depth = 0;
            for (var s = scope.Parent; s is not null; s = s.Parent)
            {
                depth++;
            }

            parts.Add(new string('>', depth) + scope.Kind);
        }

        return string.Join(" ", parts);
    }
}
