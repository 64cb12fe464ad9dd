namespace LavaMoat.Bundler.Policy;

/// <summary>The effective policy (after any override merge): canonical package name to its permissions.</summary>
public sealed record LavaMoatPolicy(IReadOnlyDictionary<string, PackagePolicy> Resources)
{
    /// <summary>The canonical name of the project's own code, which gets the full global and may require anything.</summary>
    public const string RootPackageName = "$root$";

    public static LavaMoatPolicy Empty { get; } = new(new Dictionary<string, PackagePolicy>());

    public PackagePolicy For(string packageName) =>
        Resources.TryGetValue(packageName, out var policy) ? policy : PackagePolicy.Empty;

    /// <summary>
    /// Problems that make a policy unsafe to embed, as messages naming the package and path. A <c>__proto__</c>
    /// segment would let a policy path walk into <c>Object.prototype</c> (LavaMoat rejects it too).
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, package) in OrdinalOrder.ByKey(Resources))
        {
            foreach (var path in package.Globals.Keys.Order(StringComparer.Ordinal))
            {
                var segments = path.Split('.');
                if (segments.Contains("__proto__", StringComparer.Ordinal))
                {
                    errors.Add($"package \"{name}\": \"__proto__\" is not allowed in a policy path (\"{path}\")");
                }
                else if (segments.Any(s => s.Length == 0))
                {
                    errors.Add($"package \"{name}\": empty segment in policy path \"{path}\"");
                }
            }
        }
        return errors;
    }
}
