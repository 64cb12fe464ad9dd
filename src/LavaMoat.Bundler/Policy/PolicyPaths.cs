namespace LavaMoat.Bundler.Policy;

/// <summary>
/// Where LavaMoat keeps a policy set (<c>getDefaultPaths</c> in lavamoat-core): <c>lavamoat/&lt;policyName&gt;/</c>
/// under the project root, holding <c>policy.json</c>, <c>policy-override.json</c> and <c>policy-debug.json</c>.
/// </summary>
/// <param name="ProjectRoot">The project root folder.</param>
/// <param name="PolicyName">The policy set's name; LavaMoat's browserify plugin defaults to <see cref="DefaultPolicyName"/>.</param>
public sealed record PolicyPaths(string ProjectRoot, string PolicyName)
{
    /// <summary>The default policy name, kept from lavamoat-browserify so existing projects' folders are found.</summary>
    public const string DefaultPolicyName = "browserify";

    /// <summary>The folder under the project root that holds every policy set.</summary>
    public const string PoliciesFolder = "lavamoat";

    /// <summary><c>lavamoat/&lt;name&gt;</c> relative to the project root, with '/' (for diagnostics that read the same everywhere).</summary>
    public string RelativeDirectory => PoliciesFolder + "/" + PolicyName;

    public string Directory => Path.Combine(ProjectRoot, PoliciesFolder, PolicyName);

    public string Primary => Path.Combine(Directory, "policy.json");

    public string Override => Path.Combine(Directory, "policy-override.json");

    public string Debug => Path.Combine(Directory, "policy-debug.json");

    public string RelativePrimary => RelativeDirectory + "/policy.json";

    public string RelativeOverride => RelativeDirectory + "/policy-override.json";

    public string RelativeDebug => RelativeDirectory + "/policy-debug.json";
}
