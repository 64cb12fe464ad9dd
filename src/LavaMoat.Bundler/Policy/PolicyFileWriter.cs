namespace LavaMoat.Bundler.Policy;

/// <summary>Writes policy.json text byte-identical to what lavamoat-core writes for the same content.</summary>
public static class PolicyFileWriter
{
    /// <summary>
    /// The policy as <c>jsonStringifySortedPolicy</c> writes it (sorted keys with the reversed-<c>&gt;</c> comparator,
    /// 2-space indent, no trailing newline); a resource gets only its non-empty sections, as lavamoat-core's generator
    /// emits them.
    /// </summary>
    public static string Serialize(LavaMoatPolicy policy) => PolicyDocument.FromPolicy(policy).Serialize();
}
