namespace LavaMoat.Bundler.Policy;

/// <summary>Cuts a policy down to the packages a bundle contains, so the bundle does not carry (or reveal) the rest.</summary>
public static class PolicyPruning
{
    /// <summary>
    /// Keeps the resources named in <paramref name="packagesInBundle"/> and, in each, only the <c>packages</c> edges
    /// to packages in the bundle: an edge to a package that is not bundled can never be used, since <c>require</c>
    /// only reaches bundled modules. Globals and builtins are kept as they are.
    /// </summary>
    public static LavaMoatPolicy Prune(LavaMoatPolicy policy, IReadOnlySet<string> packagesInBundle)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(packagesInBundle);
        var resources = new Dictionary<string, PackagePolicy>(StringComparer.Ordinal);
        foreach (var (name, package) in policy.Resources)
        {
            if (!packagesInBundle.Contains(name))
            {
                continue;
            }

            var packages = package.Packages.Where(p => packagesInBundle.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            resources[name] = packages.Count == package.Packages.Count ? package : package with { Packages = packages };
        }

        return new LavaMoatPolicy(resources);
    }
}
