using System.Collections.Immutable;

namespace LavaMoat.Bundler.Policy;

/// <summary>Loads a policy set from disk and applies its override (we merge at bundle time, DESIGN.md §5).</summary>
public static class PolicyFiles
{
    /// <summary>The effective policy of <paramref name="paths"/>, with diagnostics naming the project-relative files.</summary>
    public static PolicyMergeResult LoadEffective(PolicyPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return LoadEffective(paths.Primary, paths.RelativePrimary, paths.Override, paths.RelativeOverride);
    }

    /// <summary>
    /// Reads the policy (missing = empty, as lavamoat-core's <c>loadPolicy</c> treats it) and the override (missing =
    /// none), validates both and merges. Every load problem of both files is reported before giving up.
    /// </summary>
    public static PolicyMergeResult LoadEffective(string policyPath, string policyDisplayPath, string overridePath, string overrideDisplayPath)
    {
        var policy = PolicyDocument.Load(policyPath, policyDisplayPath);
        var policyOverride = PolicyDocument.Load(overridePath, overrideDisplayPath);
        var loadDiagnostics = policy.Diagnostics.AddRange(policyOverride.Diagnostics);
        if (loadDiagnostics.Any(d => d.Severity == PolicySeverity.Error))
        {
            return new PolicyMergeResult(null, loadDiagnostics);
        }

        var merged = PolicyMerge.Merge(policy.Document ?? PolicyDocument.Empty, policyOverride.Document);
        return merged with { Diagnostics = loadDiagnostics.AddRange(merged.Diagnostics) };
    }
}
