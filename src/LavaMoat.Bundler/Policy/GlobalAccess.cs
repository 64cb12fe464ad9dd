namespace LavaMoat.Bundler.Policy;

/// <summary>A policy value for a global path: <c>false</c>, <c>true</c> or <c>"write"</c> in policy.json.</summary>
public enum GlobalAccess
{
    /// <summary><c>false</c>: the path is banned, even inside a granted parent.</summary>
    Deny,

    /// <summary><c>true</c>: read access (a minimal view of the path; functions keep their receiver).</summary>
    Read,

    /// <summary><c>"write"</c>: the top-level name may be assigned (a slot shared by the packages that hold it).</summary>
    Write,
}
