using System.Collections.Immutable;

namespace LavaMoat.Bundler.Policy;

/// <summary>The merged document, or the hierarchy errors that stop the merge, plus warnings.</summary>
public sealed record PolicyMergeResult(PolicyDocument? Document, ImmutableArray<PolicyDiagnostic> Diagnostics)
{
    public bool Succeeded => Document is not null && !Diagnostics.Any(d => d.Severity == PolicySeverity.Error);
}

/// <summary>
/// lavamoat-core's <c>mergePolicy</c> (override wins), reproduced rule for rule so a merged policy written by us is
/// the one LavaMoat would write:
/// per resource in either file, a resource in one file is copied; in both, <c>globals</c>/<c>builtin</c>/
/// <c>packages</c>/<c>meta</c> are shallow-merged and <c>native</c>/<c>env</c> come from the override when present.
/// Then for <c>globals</c> and <c>builtin</c>: every path with an ancestor key is dropped (so denying a parent denies
/// what generation found below it), override paths not <c>false</c> are put back, and a granted path under a
/// granted parent is an error. <c>resolutions</c> merge per parent, <c>root</c> shallowly, <c>include</c> is
/// concatenated without repeats, <c>debugInfo</c> comes from the base, and other top-level keys are dropped.
/// </summary>
public static class PolicyMerge
{
    /// <summary>Merges <paramref name="policyOverride"/> into <paramref name="policy"/>; with no override the policy is returned as is (as lavamoat-core does).</summary>
    public static PolicyMergeResult Merge(PolicyDocument policy, PolicyDocument? policyOverride)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policyOverride is null)
        {
            return new PolicyMergeResult(policy, []);
        }

        var a = policy.Root;
        var b = policyOverride.Root;
        var diagnostics = new List<PolicyDiagnostic>();
        var top = new List<PolicyJsonMember> { new("resources", MergeResources(a, b, policyOverride.File, diagnostics)) };

        if (a.Has("resolutions") || b.Has("resolutions"))
        {
            top.Add(new("resolutions", MergeResolutions(a.Get("resolutions") as PolicyJsonObject, b.Get("resolutions") as PolicyJsonObject)));
        }

        if (a.Has("root") || b.Has("root"))
        {
            top.Add(new("root", Shallow(a.Get("root") as PolicyJsonObject, b.Get("root") as PolicyJsonObject)));
        }

        if (a.Has("include") || b.Has("include"))
        {
            top.Add(new("include", MergeInclude(a.Get("include") as PolicyJsonArray, b.Get("include") as PolicyJsonArray)));
        }

        if (a.Get("debugInfo") is PolicyJsonObject debugInfo)
        {
            top.Add(new("debugInfo", debugInfo));
        }

        var resourcesA = a.Get("resources") as PolicyJsonObject ?? PolicyJsonObject.Empty;
        var resourcesB = b.Get("resources") as PolicyJsonObject ?? PolicyJsonObject.Empty;
        var added = resourcesB.Members.Where(m => !resourcesA.Has(m.Key)).Select(m => m.Key).ToList();
        if (added.Count > 0)
        {
            diagnostics.Add(new PolicyDiagnostic(PolicyCodes.OverrideNamesNewResources, PolicySeverity.Warning, policyOverride.File, "$.resources", 0, 0,
                $"the override names packages the policy does not have ({string.Join(", ", added)}); regenerate the policy so generation can see them"));
        }

        if (diagnostics.Any(d => d.Severity == PolicySeverity.Error))
        {
            return new PolicyMergeResult(null, [.. diagnostics]);
        }

        return new PolicyMergeResult(new PolicyDocument(PolicyJsonObject.From(top), policy.File), [.. diagnostics]);
    }

    private static PolicyJsonObject MergeResources(PolicyJsonObject a, PolicyJsonObject b, string overrideFile, List<PolicyDiagnostic> diagnostics)
    {
        var resourcesA = a.Get("resources") as PolicyJsonObject ?? PolicyJsonObject.Empty;
        var resourcesB = b.Get("resources") as PolicyJsonObject ?? PolicyJsonObject.Empty;
        var names = resourcesA.Members.Select(m => m.Key).Concat(resourcesB.Members.Select(m => m.Key)).Distinct(StringComparer.Ordinal);
        var result = new List<PolicyJsonMember>();
        foreach (var name in names)
        {
            var resourceA = resourcesA.Get(name) as PolicyJsonObject;
            var resourceB = resourcesB.Get(name) as PolicyJsonObject;
            var merged = resourceA is not null && resourceB is not null
                ? MergeResource(resourceA, resourceB)
                : (resourceB ?? resourceA)!.Members.ToList();

            for (var i = 0; i < merged.Count; i++)
            {
                if (merged[i].Key is "globals" or "builtin" && merged[i].Value is PolicyJsonObject items)
                {
                    var overrideItems = resourceB?.Get(merged[i].Key) as PolicyJsonObject;
                    var section = $"$.resources{PolicyDocument.Member("", name)}.{merged[i].Key}";
                    merged[i] = new(merged[i].Key, Dedupe(items, overrideItems, name, section, overrideFile, diagnostics));
                }
            }

            result.Add(new(name, PolicyJsonObject.From(merged)));
        }

        return PolicyJsonObject.From(result);
    }

    private static List<PolicyJsonMember> MergeResource(PolicyJsonObject a, PolicyJsonObject b)
    {
        var result = new List<PolicyJsonMember>();
        foreach (var key in new[] { "globals", "builtin", "packages", "meta" })
        {
            if (a.Has(key) || b.Has(key))
            {
                result.Add(new(key, Shallow(a.Get(key) as PolicyJsonObject, b.Get(key) as PolicyJsonObject)));
            }
        }

        foreach (var key in new[] { "native", "env" })
        {
            if ((b.Get(key) ?? a.Get(key)) is { } value)
            {
                result.Add(new(key, value));
            }
        }

        return result;
    }

    // lavamoat-tofu's reduceToTopmostApiCalls, the re-adding of override sub-paths, then validateHierarchy.
    private static PolicyJsonObject Dedupe(PolicyJsonObject items, PolicyJsonObject? overrideItems, string resource, string section, string overrideFile, List<PolicyDiagnostic> diagnostics)
    {
        var all = items.Members.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var kept = items.Members.Where(m => !Ancestors(m.Key).Any(all.Contains)).ToList();
        if (overrideItems is not null)
        {
            foreach (var member in overrideItems.Members)
            {
                if (member.Value is not PolicyJsonBool { Value: false } && !kept.Any(k => string.Equals(k.Key, member.Key, StringComparison.Ordinal)))
                {
                    kept.Add(member);
                }
            }
        }

        var truthy = kept.Where(m => m.Value is not PolicyJsonBool { Value: false }).Select(m => m.Key).ToList();
        truthy.Sort(StringComparer.Ordinal);
        var truthySet = truthy.ToHashSet(StringComparer.Ordinal);
        var violations = truthy
            .Select(path => (Path: path, Parent: Ancestors(path).FirstOrDefault(truthySet.Contains)))
            .Where(v => v.Parent is not null)
            .ToList();
        if (violations.Count > 0)
        {
            // Point at the override entry that brought the nested grant back: that is the line the user must edit.
            var first = violations[0];
            var node = overrideItems?.Get(first.Path);
            var details = string.Join("; ", violations.Select(v => $"\"{v.Path}\" is invalid when \"{v.Parent}\" is also present"));
            diagnostics.Add(new PolicyDiagnostic(PolicyCodes.HierarchyViolation, PolicySeverity.Error, overrideFile, PolicyDocument.Member(section, first.Path),
                node?.Line ?? 0, node?.Column ?? 0,
                $"policy hierarchy validation failed for resource \"{resource}\": {details}; set the parent \"{first.Parent}\" to false if you meant to override to a less permissive policy"));
        }

        return PolicyJsonObject.From(kept);
    }

    // "x.y.z" has ancestors "x" and "x.y", shortest first (the order lavamoat-tofu searches them).
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var i = path.IndexOf('.', StringComparison.Ordinal); i >= 0; i = path.IndexOf('.', i + 1))
        {
            yield return path[..i];
        }
    }

    private static PolicyJsonObject Shallow(PolicyJsonObject? a, PolicyJsonObject? b) =>
        PolicyJsonObject.From((a?.Members ?? []).Concat(b?.Members ?? []));

    private static PolicyJsonObject MergeResolutions(PolicyJsonObject? a, PolicyJsonObject? b)
    {
        a ??= PolicyJsonObject.Empty;
        b ??= PolicyJsonObject.Empty;
        var names = a.Members.Select(m => m.Key).Concat(b.Members.Select(m => m.Key)).Distinct(StringComparer.Ordinal);
        return PolicyJsonObject.From(names.Select(name => new PolicyJsonMember(name, a.Get(name) is PolicyJsonObject x && b.Get(name) is PolicyJsonObject y
            ? Shallow(x, y)
            : (b.Get(name) ?? a.Get(name))!)));
    }

    private static PolicyJsonArray MergeInclude(PolicyJsonArray? a, PolicyJsonArray? b)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        var entries = new HashSet<(string?, string?)>();
        var result = ImmutableArray.CreateBuilder<PolicyJsonNode>();
        foreach (var item in (a?.Items ?? []).Concat(b?.Items ?? []))
        {
            if (item is PolicyJsonString s ? strings.Add(s.Value)
                : item is PolicyJsonObject o && entries.Add(((o.Get("name") as PolicyJsonString)?.Value, (o.Get("entry") as PolicyJsonString)?.Value)))
            {
                result.Add(item);
            }
        }

        return new PolicyJsonArray(result.ToImmutable());
    }
}
