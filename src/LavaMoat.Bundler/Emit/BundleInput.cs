using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Emit;

/// <summary>What the bundle writer turns into a bundle.</summary>
/// <param name="Modules">Every module of this bundle (any order; the output is sorted by id).</param>
/// <param name="Entries">Module ids run when the bundle loads, in this order.</param>
/// <param name="Policy">The effective policy; only the packages of <paramref name="Modules"/> are embedded.</param>
/// <param name="Options">Runtime, source map and security options.</param>
/// <param name="ExternalModuleIds">Ids that dependencies may name although they are not in <paramref name="Modules"/>:
/// modules of a bundle loaded earlier on the same page.</param>
public sealed record BundleInput(
    IReadOnlyList<ModuleRecord> Modules,
    IReadOnlyList<int> Entries,
    LavaMoatPolicy Policy,
    BundleOptions Options,
    IReadOnlySet<int>? ExternalModuleIds = null);
