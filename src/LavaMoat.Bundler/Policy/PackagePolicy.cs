namespace LavaMoat.Bundler.Policy;

/// <summary>What one canonical package may use: <c>resources[name]</c> in policy.json.</summary>
/// <param name="Globals">Dotted global paths (<c>"document.createElement"</c>) to their access.</param>
/// <param name="Packages">Canonical package names this package may require (<c>true</c>) or not (<c>false</c>).</param>
/// <param name="Builtin">Node builtins; kept for drop-in compatibility, browsers have none.</param>
public sealed record PackagePolicy(
    IReadOnlyDictionary<string, GlobalAccess> Globals,
    IReadOnlyDictionary<string, bool> Packages,
    IReadOnlyDictionary<string, bool> Builtin)
{
    /// <summary>A package that may use nothing beyond the SES intrinsics and its own package.</summary>
    public static PackagePolicy Empty { get; } = new(
        new Dictionary<string, GlobalAccess>(),
        new Dictionary<string, bool>(),
        new Dictionary<string, bool>());
}
