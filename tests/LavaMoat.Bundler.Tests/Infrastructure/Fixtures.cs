using LavaMoat.Bundler.Emit;
using LavaMoat.Bundler.Policy;

namespace LavaMoat.Bundler.Tests.Infrastructure;

/// <summary>Small builders for module records and policies, so each test reads as its fixture.</summary>
internal static class Fixtures
{
    public const string Root = LavaMoatPolicy.RootPackageName;

    /// <summary>A module whose code is its original text (identity source map).</summary>
    public static ModuleRecord Module(int id, string package, string file, string code, params (string Specifier, int Id)[] deps) =>
        new(id, package, file, deps.ToDictionary(d => d.Specifier, d => d.Id), code, ModuleSource.Identity(code));

    public static PackagePolicy Package(
        IEnumerable<(string Path, GlobalAccess Access)>? globals = null,
        IEnumerable<string>? packages = null,
        IEnumerable<string>? deniedPackages = null) =>
        new(
            (globals ?? []).ToDictionary(g => g.Path, g => g.Access),
            (packages ?? []).Select(p => (p, true)).Concat((deniedPackages ?? []).Select(p => (p, false))).ToDictionary(p => p.Item1, p => p.Item2),
            new Dictionary<string, bool>());

    public static (string, GlobalAccess) Read(string path) => (path, GlobalAccess.Read);

    public static (string, GlobalAccess) Write(string path) => (path, GlobalAccess.Write);

    public static (string, GlobalAccess) Deny(string path) => (path, GlobalAccess.Deny);

    public static LavaMoatPolicy PolicyOf(params (string Name, PackagePolicy Policy)[] resources) =>
        new(resources.ToDictionary(r => r.Name, r => r.Policy));

    public static BundleOutput Write(
        IReadOnlyList<ModuleRecord> modules,
        LavaMoatPolicy? policy = null,
        BundleOptions? options = null,
        IReadOnlyList<int>? entries = null,
        IReadOnlySet<int>? external = null) =>
        new BundleWriter().Write(new BundleInput(
            modules,
            entries ?? [modules[0].Id],
            policy ?? LavaMoatPolicy.Empty,
            options ?? new BundleOptions(),
            external));
}
