using System.Collections.Immutable;

namespace LavaMoat.Bundler.Policy;

/// <summary>
/// Writes <c>policy-debug.json</c>: the policy plus an <c>evidence</c> member that says, for every permission, which
/// files and 1-based line:column positions need it:
/// <code>
/// { "evidence": { "&lt;package&gt;": { "globals": { "&lt;path&gt;": [site…] }, "packages": { "&lt;dependency&gt;": [site…] } } },
///   "resources": { … } }
/// </code>
/// with each site <c>{"column", "file", "line", "use"}</c>. LavaMoat's own debug file instead carries a
/// <c>debugInfo</c> member with every module record, including its full source, which makes it huge and ties it to the
/// machine; ours holds project-relative paths and positions only, so it is small and the same on every machine.
/// Policy loaders keep unknown top-level members, so the file still loads as a policy.
/// </summary>
public static class PolicyDebugFile
{
    /// <summary>The generated policy with its evidence.</summary>
    public static string Serialize(GeneratedPolicy generated) => Serialize(generated, null);

    /// <summary>
    /// <paramref name="policy"/> (for example the generated policy merged with the override, which is what LavaMoat
    /// writes into its debug file) with the evidence of <paramref name="generated"/>; the generated policy itself when
    /// <paramref name="policy"/> is null. Bytes are deterministic: keys sorted as in policy.json, sites by file, line
    /// and column.
    /// </summary>
    public static string Serialize(GeneratedPolicy generated, PolicyDocument? policy)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var document = policy ?? PolicyDocument.FromPolicy(generated.Policy);
        var members = document.Root.Members
            .Where(m => !string.Equals(m.Key, "evidence", StringComparison.Ordinal))
            .Append(new PolicyJsonMember("evidence", Evidence(generated.Evidence)));
        return PolicyJsonWriter.Stringify(PolicyJsonObject.From(members));
    }

    private static PolicyJsonObject Evidence(PolicyEvidence evidence)
    {
        var names = evidence.Globals.Select(g => g.Package).Concat(evidence.Packages.Select(p => p.Package))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var packages = new List<PolicyJsonMember>();
        foreach (var name in names)
        {
            var sections = new List<PolicyJsonMember>();
            var globals = evidence.Globals.Where(g => string.Equals(g.Package, name, StringComparison.Ordinal))
                .Select(g => new PolicyJsonMember(g.Path, Sites(g.Sites)))
                .ToList();
            if (globals.Count > 0)
            {
                sections.Add(new("globals", PolicyJsonObject.From(globals)));
            }

            var edges = evidence.Packages.Where(p => string.Equals(p.Package, name, StringComparison.Ordinal))
                .Select(p => new PolicyJsonMember(p.Dependency, Sites(p.Sites)))
                .ToList();
            if (edges.Count > 0)
            {
                sections.Add(new("packages", PolicyJsonObject.From(edges)));
            }

            packages.Add(new(name, PolicyJsonObject.From(sections)));
        }

        return PolicyJsonObject.From(packages);
    }

    private static PolicyJsonArray Sites(ImmutableArray<EvidenceSite> sites) =>
        new([.. sites.Order().Select(site => (PolicyJsonNode)PolicyJsonObject.From(
        [
            new("file", new PolicyJsonString(site.File)),
            new("line", new PolicyJsonNumber(site.Line)),
            new("column", new PolicyJsonNumber(site.Column)),
            new("use", new PolicyJsonString(site.Use)),
        ]))]);
}
