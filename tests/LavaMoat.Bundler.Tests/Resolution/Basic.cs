using LavaMoat.Bundler.Resolution;

namespace LavaMoat.Bundler.Tests.Resolution;

/// <summary>Shorthands over the <c>basic</c> fixture project.</summary>
internal static class Basic
{
    public static readonly string Root = ResolutionFixtures.Project("basic");

    // One resolver for every test, as in a build: it also exercises the shared caches across tests.
    public static readonly ModuleResolver Resolver = new(new ResolverOptions(Root));

    public static ResolveResult Resolve(string specifier, string from = "src/main.js", ImportKind kind = ImportKind.Import, ModuleResolver? resolver = null) =>
        (resolver ?? Resolver).Resolve(new ResolveRequest(specifier, Path.Combine(Root, from), kind, 3, 7));

    public static ResolvedModule Ok(string specifier, string from = "src/main.js", ImportKind kind = ImportKind.Import, ModuleResolver? resolver = null)
    {
        var result = Resolve(specifier, from, kind, resolver);
        Assert.IsTrue(result.Succeeded, $"'{specifier}' from {from} failed:\n{string.Join("\n", result.Diagnostics)}");
        Assert.IsNotNull(result.Module);
        return result.Module;
    }

    /// <summary>Resolves to a file and returns its project-relative path.</summary>
    public static string File(string specifier, string from = "src/main.js", ImportKind kind = ImportKind.Import)
    {
        var module = Ok(specifier, from, kind);
        Assert.AreEqual(ResolvedModuleKind.File, module.Kind, module.Detail);
        Assert.IsNotNull(module.Path);
        return ProjectPath.ToRelative(Root, module.Path);
    }

    /// <summary>Fails with exactly one error of <paramref name="code"/> and returns it.</summary>
    public static ResolutionDiagnostic Fails(string specifier, string code, string from = "src/main.js", ImportKind kind = ImportKind.Import, ModuleResolver? resolver = null)
    {
        var result = Resolve(specifier, from, kind, resolver);
        Assert.IsFalse(result.Succeeded, $"'{specifier}' unexpectedly resolved to {result.Module?.Path} ({result.Module?.Detail})");
        var errors = result.Diagnostics.Where(d => d.Severity == ResolutionSeverity.Error).ToList();
        Assert.HasCount(1, errors);
        Assert.AreEqual(code, errors[0].Code, errors[0].ToString());
        Assert.AreEqual(from, errors[0].File);
        Assert.AreEqual(3, errors[0].Line);
        Assert.AreEqual(7, errors[0].Column);
        Assert.AreEqual(specifier, errors[0].Specifier);
        return errors[0];
    }
}
