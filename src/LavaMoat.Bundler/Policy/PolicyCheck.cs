using System.Collections.Immutable;
using LavaMoat.Bundler.Analysis;

namespace LavaMoat.Bundler.Policy;

/// <summary>
/// The check mode: which permissions the code needs that the policy the bundle will run with does not grant, so a
/// stale policy fails the build instead of failing in the browser. Grants are read the way our runtime kernel
/// (<c>runtime-js/kernel.js</c>, <c>makeEndowments</c> and <c>isAllowed</c>) applies them.
/// </summary>
public static class PolicyCheck
{
    /// <summary>A permission the code needs is missing from the effective policy.</summary>
    public const string MissingPermissionCode = PolicyCodes.MissingPermission;

    /// <summary>
    /// The permissions of <paramref name="required"/> that <paramref name="effective"/> (the merged policy and
    /// override) does not grant, as errors located at the first place that needs each, with every place in the
    /// details. Sorted by package, then globals before packages, then path or dependency (ordinal).
    /// </summary>
    public static ImmutableArray<BuildDiagnostic> FindMissing(LavaMoatPolicy effective, GeneratedPolicy required)
    {
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(required);
        var globalSites = required.Evidence.Globals
            .GroupBy(g => (g.Package, g.Path))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Sites).Distinct().Order().ToImmutableArray());
        var edgeSites = required.Evidence.Packages
            .GroupBy(p => (p.Package, p.Dependency))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Sites).Distinct().Order().ToImmutableArray());

        var result = ImmutableArray.CreateBuilder<BuildDiagnostic>();
        foreach (var name in required.Policy.Resources.Keys.Order(StringComparer.Ordinal))
        {
            if (string.Equals(name, LavaMoatPolicy.RootPackageName, StringComparison.Ordinal))
            {
                continue; // the root may use everything
            }

            var need = required.Policy.Resources[name];
            var grant = effective.For(name);
            foreach (var path in need.Globals.Keys.Order(StringComparer.Ordinal))
            {
                var access = need.Globals[path];
                if (access == GlobalAccess.Deny || IsGranted(grant, path, access))
                {
                    continue;
                }

                var writes = access == GlobalAccess.Write && !path.Contains('.', StringComparison.Ordinal);
                var message = writes
                    ? $"package \"{name}\" assigns the global \"{path}\", but the policy does not grant it \"write\" (add \"{path}\": \"write\" to resources[\"{name}\"].globals)"
                    : $"package \"{name}\" reads the global \"{path}\", but the policy does not grant it (add \"{path}\": true to resources[\"{name}\"].globals)";
                result.Add(Diagnostic(message, globalSites.GetValueOrDefault((name, path))));
            }

            foreach (var dependency in need.Packages.Keys.Order(StringComparer.Ordinal))
            {
                if (!need.Packages[dependency] || IsAllowed(effective, name, dependency))
                {
                    continue;
                }

                var message = $"package \"{name}\" requires package \"{dependency}\", but the policy does not allow it (add \"{dependency}\": true to resources[\"{name}\"].packages)";
                result.Add(Diagnostic(message, edgeSites.GetValueOrDefault((name, dependency))));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Whether <paramref name="policy"/> gives the access to <paramref name="path"/>. A read is decided by the
    /// longest policy path that is the path or one of its dotted prefixes: <c>true</c> or <c>"write"</c> grants it
    /// (the kernel gives the whole value, and a write slot reads through to the real global), <c>false</c> hides it
    /// (the kernel hides a banned path inside a granted one). A deeper grant (<c>a.b</c>) never gives the shallower
    /// need (<c>a</c>). A write needs <c>"write"</c> on exactly the top-level name, the only writes the kernel
    /// supports; a nested <c>"write"</c> is a read there. Paths through <c>__proto__</c> or through a global alias
    /// (<c>window.x</c>) are never granted: the kernel rejects or ignores them.
    /// </summary>
    public static bool IsGranted(PackagePolicy policy, string path, GlobalAccess access)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0 || s == "__proto__") || GlobalUsageAnalyzer.GlobalAliases.Contains(segments[0]))
        {
            return false;
        }

        if (access == GlobalAccess.Deny)
        {
            return true;
        }

        if (access == GlobalAccess.Write && segments.Length == 1)
        {
            return policy.Globals.TryGetValue(path, out var value) && value == GlobalAccess.Write;
        }

        for (var length = segments.Length; length > 0; length--)
        {
            var prefix = length == segments.Length ? path : string.Join('.', segments, 0, length);
            if (policy.Globals.TryGetValue(prefix, out var value))
            {
                return value != GlobalAccess.Deny;
            }
        }

        return false;
    }

    /// <summary>The kernel's <c>isAllowed</c>: the root and a package's own modules always; otherwise exactly <c>packages[child] === true</c>.</summary>
    public static bool IsAllowed(LavaMoatPolicy policy, string package, string dependency)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return string.Equals(package, LavaMoatPolicy.RootPackageName, StringComparison.Ordinal)
            || string.Equals(package, dependency, StringComparison.Ordinal)
            || (policy.Resources.TryGetValue(package, out var resource) && resource.Packages.TryGetValue(dependency, out var allowed) && allowed);
    }

    private static BuildDiagnostic Diagnostic(string message, ImmutableArray<EvidenceSite> sites)
    {
        if (sites.IsDefaultOrEmpty)
        {
            return new BuildDiagnostic(MissingPermissionCode, DiagnosticSeverity.Error, message);
        }

        var first = sites[0];
        return new BuildDiagnostic(
            MissingPermissionCode,
            DiagnosticSeverity.Error,
            message,
            first.File,
            first.Line,
            first.Column,
            [.. sites.Select(s => $"needed at {s}")]);
    }
}
