using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace LavaMoat.Bundler.Resolution;

/// <summary>
/// Node's module resolution for a browser bundle. Thread-safe: one instance serves the whole build, called from
/// parallel parsing, and every disk read goes through the shared <see cref="ResolverFileSystem"/>.
/// </summary>
/// <remarks>
/// Decisions that differ from Node itself, following what browser bundlers (browserify, webpack, esbuild) do:
/// <list type="bullet">
/// <item>Conditions are <c>browser</c>, then <c>import</c> or <c>require</c> by the importing syntax, then
/// <c>default</c> (plus <see cref="ResolverOptions.ExtraConditions"/>); never <c>node</c>.</item>
/// <item>Without <c>exports</c>, a package's entry is the string <c>browser</c> field, then <c>module</c>, then
/// <c>main</c> for imports; for <c>require()</c> it is <c>browser</c>, then <c>main</c>, then <c>module</c>,
/// because <c>module</c> points at an ES module whose namespace would break CommonJS callers that expect
/// <c>module.exports</c> (esbuild makes the same split; packages with <c>exports</c> make it themselves through
/// the <c>import</c>/<c>require</c> conditions). A field whose file is missing falls through to the next.</item>
/// <item><c>exports</c> wins over every main field; the object form of <c>browser</c> still replaces files it
/// names, including files reached through <c>exports</c>.</item>
/// <item>Extensions are probed (<c>.js .mjs .cjs .json</c>) for imports as well as requires, except for
/// <c>exports</c>/<c>imports</c> targets, which must name an existing file exactly.</item>
/// <item>Node builtins resolve to the installed polyfill package (see <see cref="NodeBuiltins"/>).</item>
/// </list>
/// </remarks>
public sealed class ModuleResolver
{
    private static readonly string[] Extensions = [".js", ".mjs", ".cjs", ".json"];

    private readonly ResolverOptions _options;
    private readonly ResolverFileSystem _fs;
    private readonly FrozenSet<string> _importConditions;
    private readonly FrozenSet<string> _requireConditions;
    private readonly ConcurrentDictionary<string, Lazy<BrowserMap>> _browserMaps = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver; pass the build's <paramref name="fileSystem"/> so naming shares its caches.</summary>
    public ModuleResolver(ResolverOptions options, ResolverFileSystem? fileSystem = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options with { ProjectRoot = ProjectPath.Normalize(options.ProjectRoot) };
        _fs = fileSystem ?? new ResolverFileSystem();
        _importConditions = Conditions("import", options.ExtraConditions);
        _requireConditions = Conditions("require", options.ExtraConditions);
    }

    private static FrozenSet<string> Conditions(string syntax, ImmutableArray<string> extra) =>
        extra.Concat(["browser", syntax, "default"]).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The shared disk cache.</summary>
    public ResolverFileSystem FileSystem => _fs;

    /// <summary>The normalised project root.</summary>
    public string ProjectRoot => _options.ProjectRoot;

    /// <summary>Resolves an entry point named by the user (a file, or a folder with a package.json or index).</summary>
    public ResolveResult ResolveEntry(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var attempt = new Attempt(this, path, null, ImportKind.Import, 0, 0);
        var full = ProjectPath.Normalize(Path.Combine(ProjectRoot, path));
        var found = LoadAsFile(full, attempt) ?? LoadAsDirectory(full, attempt);
        return attempt.Finish(found is null ? null : found with { Rule = ResolutionRule.Entry, Detail = "entry point" });
    }

    /// <summary>Resolves one specifier. Never throws for problems in the project: they come back as diagnostics.</summary>
    public ResolveResult Resolve(ResolveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempt = new Attempt(this, request.Specifier, request.Importer, request.Kind, request.Line, request.Column);
        var specifier = request.Specifier;
        var fromDirectory = Path.GetDirectoryName(ProjectPath.Normalize(request.Importer)) ?? ProjectRoot;

        Found? found;
        if (specifier.Length == 0)
        {
            found = attempt.Fail(ResolutionCodes.InvalidModuleSpecifier, "an empty specifier names no module");
        }
        else if (specifier[0] == '#')
        {
            found = ResolveImports(specifier, fromDirectory, attempt);
        }
        else if (IsPathSpecifier(specifier))
        {
            found = ResolvePath(specifier, fromDirectory, attempt);
        }
        else
        {
            found = ResolveBare(specifier, fromDirectory, attempt, useBrowserMap: true);
        }

        return attempt.Finish(found);
    }

    private static bool IsPathSpecifier(string specifier) =>
        specifier is "." or ".."
        || specifier.StartsWith("./", StringComparison.Ordinal)
        || specifier.StartsWith("../", StringComparison.Ordinal)
        || specifier.StartsWith('/')
        || Path.IsPathFullyQualified(specifier);

    // --- relative and absolute paths -------------------------------------------------------------------------

    private Found? ResolvePath(string specifier, string fromDirectory, Attempt attempt)
    {
        var target = ProjectPath.Combine(fromDirectory, specifier);

        // As in Node, a trailing '/' (and '.'/'..') asks for a directory only.
        var directoryOnly = specifier.EndsWith('/') || specifier is "." or ".." || specifier.EndsWith("/.", StringComparison.Ordinal) || specifier.EndsWith("/..", StringComparison.Ordinal);
        var found = (directoryOnly ? null : LoadAsFile(target, attempt)) ?? LoadAsDirectory(target, attempt);
        if (attempt.Failed)
        {
            return null;
        }

        if (found is null)
        {
            // A browser map may name a file that does not exist ("./lib/node.js": false).
            var scope = Path.GetDirectoryName(target) is { } parent ? FindPackageScope(parent) : null;
            if (scope is not null)
            {
                var map = GetBrowserMap(scope);
                foreach (var candidate in Extensions.Select(e => target + e).Prepend(target))
                {
                    if (map.Files.TryGetValue(candidate, out var replacement))
                    {
                        return ApplyReplacement(replacement, scope, attempt, $"browser[\"{replacement.Key}\"]");
                    }
                }
            }

            return null;
        }

        return ApplyBrowserFileMap(found, attempt);
    }

    private Found? LoadAsFile(string path, Attempt attempt)
    {
        if (_fs.IsFile(path))
        {
            return new Found(path, ResolutionRule.RelativeFile, "file");
        }

        attempt.Searched(path);
        foreach (var extension in Extensions)
        {
            var candidate = path + extension;
            if (_fs.IsFile(candidate))
            {
                return new Found(candidate, ResolutionRule.RelativeFile, $"file + {extension}");
            }

            attempt.Searched(candidate);
        }

        return null;
    }

    private Found? LoadIndex(string directory, Attempt attempt)
    {
        foreach (var extension in Extensions)
        {
            var candidate = Path.Join(directory, "index" + extension);
            if (_fs.IsFile(candidate))
            {
                return new Found(candidate, ResolutionRule.DirectoryIndex, "index" + extension);
            }

            attempt.Searched(candidate);
        }

        return null;
    }

    private Found? LoadAsDirectory(string directory, Attempt attempt)
    {
        if (!_fs.IsDirectory(directory))
        {
            return null;
        }

        var package = ReadPackage(directory, attempt);
        if (attempt.Failed)
        {
            return null;
        }

        if (package is not null && LoadMain(package, attempt) is { } main)
        {
            return main;
        }

        return attempt.Failed ? null : LoadIndex(directory, attempt);
    }

    private Found? LoadMain(PackageJson package, Attempt attempt)
    {
        var fields = attempt.Kind == ImportKind.Require
            ? new[] { ("browser", package.BrowserMain, ResolutionRule.BrowserMain), ("main", package.Main, ResolutionRule.Main), ("module", package.Module, ResolutionRule.ModuleMain) }
            : new[] { ("browser", package.BrowserMain, ResolutionRule.BrowserMain), ("module", package.Module, ResolutionRule.ModuleMain), ("main", package.Main, ResolutionRule.Main) };
        foreach (var (field, value, rule) in fields)
        {
            if (value is null)
            {
                continue;
            }

            var target = ProjectPath.Combine(package.Directory, value);
            var found = LoadAsFile(target, attempt) ?? LoadIndex(target, attempt);
            if (found is not null)
            {
                return new Found(found.Path, rule, $"\"{field}\": \"{value}\"");
            }
        }

        return null;
    }

    // --- bare specifiers -----------------------------------------------------------------------------------

    private Found? ResolveBare(string specifier, string fromDirectory, Attempt attempt, bool useBrowserMap, bool builtins = true)
    {
        if (useBrowserMap && FindPackageScope(fromDirectory) is { } scope)
        {
            var map = GetBrowserMap(scope);
            if (map.Modules.TryGetValue(specifier, out var replacement))
            {
                return ApplyReplacement(new(specifier, replacement), scope, attempt, $"browser[\"{specifier}\"]");
            }
        }

        if (builtins && NodeBuiltins.GetBuiltinName(specifier) is { } builtin)
        {
            return ResolveBuiltin(builtin, fromDirectory, attempt);
        }

        if (!TrySplitPackageSpecifier(specifier, out var name, out var subpath))
        {
            return attempt.Fail(ResolutionCodes.InvalidModuleSpecifier, $"'{specifier}' is not a valid package specifier");
        }

        // A package may import itself by name through its own exports (Node's PACKAGE_SELF_RESOLVE).
        if (FindPackageScope(fromDirectory) is { } self)
        {
            var selfPackage = _fs.ReadPackageJson(self).Package;
            if (selfPackage?.Name == name && selfPackage.Exports is { } selfExports)
            {
                return ResolveExports(selfPackage, selfExports, "." + subpath, attempt);
            }
        }

        for (var directory = fromDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Path.GetFileName(directory) == "node_modules")
            {
                continue;
            }

            var packageDirectory = ProjectPath.Combine(directory, "node_modules/" + name);
            if (!_fs.IsDirectory(packageDirectory))
            {
                attempt.Searched(packageDirectory);
                continue;
            }

            var package = ReadPackage(packageDirectory, attempt);
            if (attempt.Failed)
            {
                return null;
            }

            if (package?.Exports is { } exports)
            {
                // With exports the package decides alone: no fallback to files or to folders further up.
                return ResolveExports(package, exports, "." + subpath, attempt);
            }

            Found? found;
            if (subpath.Length == 0)
            {
                found = (package is null ? null : LoadMain(package, attempt)) ?? LoadIndex(packageDirectory, attempt);
                if (found is not null && found.Rule == ResolutionRule.DirectoryIndex)
                {
                    found = found with { Rule = ResolutionRule.PackageIndex };
                }
            }
            else
            {
                var target = ProjectPath.Combine(packageDirectory, "." + subpath);
                found = (subpath.EndsWith('/') ? null : LoadAsFile(target, attempt)) ?? LoadAsDirectory(target, attempt);
                if (found is not null)
                {
                    found = found with { Rule = ResolutionRule.PackageSubpath };
                }
            }

            if (attempt.Failed)
            {
                return null;
            }

            if (found is not null)
            {
                return ApplyBrowserFileMap(found, attempt);
            }
        }

        return null;
    }

    private Found? ResolveBuiltin(string builtin, string fromDirectory, Attempt attempt)
    {
        // From the importer first (a package may ship its own polyfill), then from the project root (for files
        // outside it), then from an installed browserify: projects migrating from lavamoat-browserify have the
        // shims there, and their policies already name them browserify>buffer and so on.
        var browserify = Path.Join(ProjectRoot, "node_modules", "browserify");
        string[] bases = _fs.IsDirectory(browserify) ? [fromDirectory, ProjectRoot, browserify] : [fromDirectory, ProjectRoot];
        foreach (var candidate in NodeBuiltins.PolyfillCandidates(builtin))
        {
            foreach (var from in bases.Distinct(StringComparer.Ordinal))
            {
                var probe = attempt.Probe();
                var found = ResolveBare(candidate, from, probe, useBrowserMap: false, builtins: false);
                attempt.Absorb(probe);
                if (found is not null)
                {
                    return new Found(found.Path, ResolutionRule.BuiltinPolyfill, $"Node builtin '{builtin}' → package '{candidate}' ({found.Detail})", BuiltinName: builtin, Kind: found.Kind);
                }
            }
        }

        var message = $"Node builtin '{builtin}' has no browser polyfill installed (looked for {string.Join(" and ", NodeBuiltins.PolyfillCandidates(builtin).Select(c => $"'{c}'"))}); add one to package.json";
        if (_options.StrictBuiltins)
        {
            return attempt.Fail(ResolutionCodes.BuiltinNotAvailable, message);
        }

        attempt.Warn(ResolutionCodes.BuiltinNotAvailable, message + "; using an empty module");
        return new Found(null, ResolutionRule.BuiltinMissing, $"Node builtin '{builtin}' → empty module", BuiltinName: builtin, Kind: ResolvedModuleKind.BuiltinMissing);
    }

    /// <summary>Splits 'name/sub/path' or '@scope/name/sub' into the package name and '/sub/path' (or "").</summary>
    internal static bool TrySplitPackageSpecifier(string specifier, out string name, out string subpath)
    {
        name = subpath = "";
        var separator = specifier.IndexOf('/', StringComparison.Ordinal);
        if (specifier.StartsWith('@'))
        {
            if (separator <= 1 || separator == specifier.Length - 1)
            {
                return false;
            }

            separator = specifier.IndexOf('/', separator + 1);
        }

        name = separator < 0 ? specifier : specifier[..separator];
        subpath = separator < 0 ? "" : specifier[separator..];
        return name.Length > 0 && !name.StartsWith('.') && !name.Contains('\\', StringComparison.Ordinal) && !name.Contains('%', StringComparison.Ordinal);
    }

    // --- exports and imports ---------------------------------------------------------------------------------

    private Found? ResolveExports(PackageJson package, JsonElement exports, string subpath, Attempt attempt)
    {
        var outcome = PackageExports.ResolveExports(exports, subpath, attempt.Conditions);
        var where = attempt.Relative(Path.Join(package.Directory, "package.json"));
        switch (outcome.Status)
        {
            case TargetStatus.Path:
                return LoadExactTarget(package.Directory, outcome, ResolutionRule.Exports, attempt);
            case TargetStatus.Error:
                attempt.Searched($"{where} {outcome.Trail}");
                return attempt.Fail(outcome.ErrorCode!, $"{where}: {outcome.ErrorMessage}");
            default:
                attempt.Searched($"{where} exports (conditions: {attempt.ConditionList})");
                var requested = subpath == "." ? "the package root" : $"'{subpath}'";
                var why = outcome.Status == TargetStatus.Null ? $" ({outcome.Trail} is null)" : "";
                return attempt.Fail(
                    ResolutionCodes.PackagePathNotExported,
                    $"package '{package.Name ?? attempt.Relative(package.Directory)}' does not export {requested} for conditions {attempt.ConditionList}{why}");
        }
    }

    private Found? ResolveImports(string specifier, string fromDirectory, Attempt attempt)
    {
        if (specifier == "#" || specifier.StartsWith("#/", StringComparison.Ordinal))
        {
            return attempt.Fail(ResolutionCodes.InvalidModuleSpecifier, $"'{specifier}' is not a valid imports specifier");
        }

        var scope = FindPackageScope(fromDirectory);
        var package = scope is null ? null : ReadPackage(scope, attempt);
        if (attempt.Failed)
        {
            return null;
        }

        if (package?.Imports is { } imports)
        {
            var outcome = PackageExports.ResolveImports(imports, specifier, attempt.Conditions);
            var where = attempt.Relative(Path.Join(package.Directory, "package.json"));
            switch (outcome.Status)
            {
                case TargetStatus.Path:
                    return LoadExactTarget(package.Directory, outcome, ResolutionRule.Imports, attempt);
                case TargetStatus.Bare:
                    var found = ResolveBare(outcome.Value!, package.Directory, attempt, useBrowserMap: false);
                    return found is null ? null : found with { Rule = ResolutionRule.Imports, Detail = $"{outcome.Trail} → '{outcome.Value}' ({found.Detail})" };
                case TargetStatus.Error:
                    attempt.Searched($"{where} {outcome.Trail}");
                    return attempt.Fail(outcome.ErrorCode!, $"{where}: {outcome.ErrorMessage}");
                default:
                    attempt.Searched($"{where} imports (conditions: {attempt.ConditionList})");
                    break;
            }
        }
        else
        {
            attempt.Searched(scope is null ? "no package.json above the importing file" : $"{attempt.Relative(Path.Join(scope, "package.json"))} (no \"imports\")");
        }

        return attempt.Fail(ResolutionCodes.PackageImportNotDefined, $"'{specifier}' is not defined by \"imports\" in the package.json of the importing file");
    }

    private Found? LoadExactTarget(string packageDirectory, TargetOutcome outcome, ResolutionRule rule, Attempt attempt)
    {
        var relative = outcome.Value!;
        if (relative.Contains("%2f", StringComparison.OrdinalIgnoreCase) || relative.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            return attempt.Fail(ResolutionCodes.InvalidModuleSpecifier, $"{outcome.Trail} target \"{relative}\" encodes a path separator");
        }

        // Targets are URLs relative to the package, so percent-escapes name real characters.
        var path = ProjectPath.Combine(packageDirectory, Uri.UnescapeDataString(relative));
        switch (_fs.GetKind(path))
        {
            case EntryKind.File:
                return ApplyBrowserFileMap(new Found(path, rule, $"{outcome.Trail} → \"{relative}\""), attempt);
            case EntryKind.Directory:
                attempt.Searched(path);
                return attempt.Fail(ResolutionCodes.ModuleNotFound, $"{outcome.Trail} points at the directory '{attempt.Relative(path)}'; exports and imports targets must name a file");
            default:
                attempt.Searched(path);
                return attempt.Fail(ResolutionCodes.ModuleNotFound, $"{outcome.Trail} points at '{attempt.Relative(path)}', which does not exist");
        }
    }

    // --- browser field (object form) -------------------------------------------------------------------------

    private Found? ApplyBrowserFileMap(Found found, Attempt attempt)
    {
        if (found.Path is null || FindPackageScope(Path.GetDirectoryName(found.Path)!) is not { } scope)
        {
            return found;
        }

        var map = GetBrowserMap(scope);
        return map.Files.TryGetValue(found.Path, out var replacement)
            ? ApplyReplacement(replacement, scope, attempt, $"{found.Detail}, then browser[\"{replacement.Key}\"]")
            : found;
    }

    private Found? ApplyReplacement(KeyValuePair<string, string?> replacement, string scope, Attempt attempt, string detail)
    {
        if (replacement.Value is null)
        {
            return new Found(null, ResolutionRule.BrowserFalse, detail + " = false", Kind: ResolvedModuleKind.Empty);
        }

        var value = replacement.Value;
        Found? found;
        if (IsPathSpecifier(value))
        {
            // Path replacements are relative to the package folder; anything else names a package, as in browserify.
            var target = ProjectPath.Combine(scope, value);
            found = LoadAsFile(target, attempt) ?? LoadAsDirectory(target, attempt);
        }
        else
        {
            found = ResolveBare(value, scope, attempt, useBrowserMap: false);
        }

        return found is null ? null : found with { Rule = found.Kind == ResolvedModuleKind.File ? ResolutionRule.BrowserMap : found.Rule, Detail = $"{detail} → \"{value}\"" };
    }

    private BrowserMap GetBrowserMap(string scope) =>
        _browserMaps.GetOrAdd(scope, s => new Lazy<BrowserMap>(() => BuildBrowserMap(s))).Value;

    private BrowserMap BuildBrowserMap(string scope)
    {
        var package = _fs.ReadPackageJson(scope).Package;
        var files = new Dictionary<string, KeyValuePair<string, string?>>(StringComparer.Ordinal);
        var modules = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (package is null)
        {
            return new BrowserMap(files.ToFrozenDictionary(StringComparer.Ordinal), modules.ToFrozenDictionary(StringComparer.Ordinal));
        }

        var quiet = new Attempt(this, "", null, ImportKind.Require, 0, 0);
        foreach (var entry in package.BrowserMap)
        {
            if (IsPathSpecifier(entry.Key))
            {
                var key = ProjectPath.Combine(scope, entry.Key);
                files.TryAdd(key, entry);
                if ((LoadAsFile(key, quiet) ?? LoadIndexIfDirectory(key, quiet)) is { Path: { } resolved })
                {
                    files.TryAdd(resolved, entry);
                }
            }
            else
            {
                modules.TryAdd(entry.Key, entry.Value);
            }
        }

        return new BrowserMap(files.ToFrozenDictionary(StringComparer.Ordinal), modules.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private Found? LoadIndexIfDirectory(string path, Attempt attempt) => _fs.IsDirectory(path) ? LoadIndex(path, attempt) : null;

    // --- package scopes --------------------------------------------------------------------------------------

    /// <summary>Node's LOOKUP_PACKAGE_SCOPE: the nearest folder with a package.json, not crossing a node_modules folder.</summary>
    public string? FindPackageScope(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        for (var current = directory; current is not null; current = Path.GetDirectoryName(current))
        {
            if (Path.GetFileName(current) == "node_modules")
            {
                return null;
            }

            if (_fs.IsFile(Path.Join(current, "package.json")))
            {
                return current;
            }
        }

        return null;
    }

    private string? FindPackageRoot(string? scope)
    {
        for (var current = scope; current is not null; current = Path.GetDirectoryName(current))
        {
            if (Path.GetFileName(current) == "node_modules")
            {
                return null;
            }

            if (_fs.ReadPackageJson(current).Package is { Name: not null })
            {
                return current;
            }
        }

        return null;
    }

    private PackageJson? ReadPackage(string directory, Attempt attempt)
    {
        var read = _fs.ReadPackageJson(directory);
        if (read.Error is not null)
        {
            attempt.Fail(ResolutionCodes.InvalidPackageConfiguration, $"{attempt.Relative(Path.Join(directory, "package.json"))}: {read.Error}");
        }

        return read.Package;
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    private sealed record BrowserMap(FrozenDictionary<string, KeyValuePair<string, string?>> Files, FrozenDictionary<string, string?> Modules);

    private sealed record Found(string? Path, ResolutionRule Rule, string Detail, string? BuiltinName = null, ResolvedModuleKind Kind = ResolvedModuleKind.File);

    /// <summary>The state of one resolution: where it looked, the first hard failure, warnings.</summary>
    private sealed class Attempt(ModuleResolver owner, string specifier, string? importer, ImportKind kind, int line, int column)
    {
        private readonly List<string> _searched = [];
        private readonly List<ResolutionDiagnostic> _warnings = [];
        private (string Code, string Message)? _failure;

        public ImportKind Kind => kind;

        public bool Failed => _failure is not null;

        public FrozenSet<string> Conditions => kind == ImportKind.Require ? owner._requireConditions : owner._importConditions;

        public string ConditionList =>
            string.Join(", ", new[] { "browser", kind == ImportKind.Require ? "require" : "import" }.Concat(owner._options.ExtraConditions).Append("default"));

        public string Relative(string path) => ProjectPath.ToRelative(owner.ProjectRoot, path);

        public void Searched(string place)
        {
            var text = Path.IsPathFullyQualified(place) ? Relative(place) : place;
            if (!_searched.Contains(text))
            {
                _searched.Add(text);
            }
        }

        public Found? Fail(string code, string message)
        {
            _failure ??= (code, message);
            return null;
        }

        public void Warn(string code, string message) => _warnings.Add(Diagnostic(code, ResolutionSeverity.Warning, message, []));

        /// <summary>A sub-attempt whose failure does not end this one (for trying several polyfill names).</summary>
        public Attempt Probe() => new(owner, specifier, importer, kind, line, column);

        public void Absorb(Attempt probe)
        {
            foreach (var place in probe._searched)
            {
                Searched(place);
            }

            _warnings.AddRange(probe._warnings);
        }

        public ResolveResult Finish(Found? found)
        {
            if (_failure is { } failure)
            {
                return new ResolveResult(null, [.. _warnings, Diagnostic(failure.Code, ResolutionSeverity.Error, $"cannot resolve '{specifier}': {failure.Message}", [.. _searched])]);
            }

            if (found is null)
            {
                var message = importer is null
                    ? $"cannot find the entry point '{specifier}'"
                    : $"cannot resolve '{specifier}' from '{Relative(importer)}'";
                return new ResolveResult(null, [.. _warnings, Diagnostic(ResolutionCodes.ModuleNotFound, ResolutionSeverity.Error, message, [.. _searched])]);
            }

            string? path = null;
            string? scope = null;
            string? root = null;
            if (found.Path is not null)
            {
                path = owner._fs.RealPath(found.Path);
                scope = owner.FindPackageScope(System.IO.Path.GetDirectoryName(path)!);
                root = owner.FindPackageRoot(scope) ?? scope;
            }

            var module = new ResolvedModule(found.Kind, path, found.Rule, found.Detail, scope, root, found.BuiltinName);
            return new ResolveResult(module, [.. _warnings]);
        }

        private ResolutionDiagnostic Diagnostic(string code, ResolutionSeverity severity, string message, ImmutableArray<string> searched) =>
            new(code, severity, message, importer is null ? null : Relative(importer), line, column, specifier, searched);
    }
}
