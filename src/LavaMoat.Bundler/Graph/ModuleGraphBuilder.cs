using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using LavaMoat.Bundler.Analysis;
using LavaMoat.Bundler.Resolution;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;
using LavaMoat.Bundler.Syntax.Scoping;
using ResolverImportKind = LavaMoat.Bundler.Resolution.ImportKind;
using SourceImportKind = LavaMoat.Bundler.Analysis.ImportKind;

namespace LavaMoat.Bundler.Graph;

/// <summary>
/// Builds the <see cref="ModuleGraph"/>: reads and parses every reachable file once, deduplicated by real path, on
/// deep-stack threads (<see cref="DeepStack.Drain"/>): each file's imports are resolved as soon as it is parsed and
/// the files they name are queued at once, so no thread waits for a round of files to finish. Problems become
/// diagnostics; the build goes on so that one run reports every error it can.
/// </summary>
public static class ModuleGraphBuilder
{
    private const string EmptyPath = "<empty>";

    /// <summary>Builds the graph for <paramref name="request"/>.</summary>
    public static ModuleGraph Build(GraphRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = ProjectPath.Normalize(Path.GetFullPath(request.ProjectRoot));
        var fs = new ResolverFileSystem();
        // The resolver hands out real paths, so the root must be real too or relative paths would differ
        // between a checkout reached through a link and the same checkout reached directly.
        root = fs.RealPath(root);
        var resolver = new ModuleResolver(
            new ResolverOptions(root) { StrictBuiltins = request.StrictBuiltins, ExtraConditions = request.ExtraConditions },
            fs);
        return new Run(root, fs, resolver, request, cancellation).Build(request.Entries);
    }

    // One build's state. Workers write to their own Node, to _nodes under its lock and to the concurrent
    // collections; a node's Resolved list is complete before any other thread reads it (Freeze, after the walk).
    private sealed class Run(string root, ResolverFileSystem fs, ModuleResolver resolver, GraphRequest request, CancellationToken cancellation)
    {
        // Package naming reads every declared package's package.json, which no module's parse or resolution needs:
        // it runs beside the walk (the first modules would otherwise wait for it on one core), and a module asks
        // for its package's name only once its own parse and resolution are done.
        private readonly Task<PackageNames> _names = Task.Factory.StartNew(
            () => PackageNames.Load(root, fs), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<ResolutionDiagnostic> _diagnostics = [];

        private PackageNames Names => _names.GetAwaiter().GetResult();

        public ModuleGraph Build(ImmutableArray<string> entries)
        {
            var frontier = new List<Node>();
            var entryKeys = new List<string>();
            foreach (var entry in entries)
            {
                var result = resolver.ResolveEntry(entry);
                Collect(result.Diagnostics);
                if (result.Module is { } module)
                {
                    var node = GetOrAdd(module, frontier.Add);
                    entryKeys.Add(node.Key);
                }
            }

            DeepStack.Drain(
                frontier,
                (node, add) =>
                {
                    var facts = Read(node);
                    // Queued before this module is named and prepared, so other workers need not wait for that.
                    foreach (var dependency in node.Resolved)
                    {
                        dependency.Node = GetOrAdd(dependency.Module, add);
                    }

                    Finish(node, facts);
                },
                cancellation);
            foreach (var diagnostic in Names.Diagnostics)
            {
                _diagnostics.Add(diagnostic);
            }

            return Freeze(entryKeys);
        }

        // Called from the workers: the first caller for a path creates its node and queues it for loading.
        private Node GetOrAdd(ResolvedModule module, Action<Node> load)
        {
            var key = module.Kind switch
            {
                ResolvedModuleKind.File => ProjectPath.ToRelative(root, module.Path!),
                ResolvedModuleKind.BuiltinMissing => "<builtin:" + module.BuiltinName + ">",
                _ => EmptyPath,
            };
            Node? node;
            var created = false;
            lock (_nodes)
            {
                if (!_nodes.TryGetValue(key, out node))
                {
                    node = new Node(key, module);
                    _nodes.Add(key, node);
                    created = true;
                }
            }

            if (created)
            {
                load(node);
            }

            return node;
        }

        // The rest of a module's work once it is read: its package name and the prepare hook. Like Read, it runs on a
        // deep-stack worker: everything here is per-node or thread-safe (resolver, file system, bag).
        private void Finish(Node node, SyntaxFacts? facts)
        {
            if (node.Module.Kind != ResolvedModuleKind.File)
            {
                return;
            }

            if (Names.TryGetPackage(node.Module.Path!, out var package, out var nameError))
            {
                node.Package = package.Name;
            }
            else
            {
                _diagnostics.Add(nameError);
            }

            if (facts is not null && request.Prepare is { } prepare)
            {
                var resolved = node.Resolved.Select(d => d.Specifier).ToHashSet(StringComparer.Ordinal);
                node.Prepared = prepare(new ParsedModule(node.Key, node.Package, node.Format, node.Source, node.Program!, node.Scope!, resolved, [.. node.InjectedGlobals]) { Facts = facts });
                if (!request.KeepSyntax)
                {
                    node.Program = null;
                    node.Scope = null;
                }
            }
        }

        /// <summary>Reads, parses and resolves one file; the syntax facts when there is a tree to prepare.</summary>
        private SyntaxFacts? Read(Node node)
        {
            var module = node.Module;
            if (module.Kind != ResolvedModuleKind.File)
            {
                node.Format = ModuleFormat.Empty;
                return null;
            }

            var path = module.Path!;
            try
            {
                node.Source = ReadText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report(GraphCodes.UnreadableFile, ResolutionSeverity.Error, $"cannot read the file: {e.Message}", node.Key, 0, 0);
                node.Failed = true;
                return null;
            }

            var extension = Path.GetExtension(path);
            if (string.Equals(extension, ".json", StringComparison.Ordinal))
            {
                node.Format = ModuleFormat.Json;
                ValidateJson(node);
                return null;
            }

            var goal = string.Equals(extension, ".mjs", StringComparison.Ordinal) ? SourceType.Module
                : string.Equals(extension, ".cjs", StringComparison.Ordinal) ? SourceType.Script
                : IsTypeModule(module.PackageScope) ? SourceType.Module
                : (SourceType?)null;

            Program program;
            try
            {
                program = ParseAsBundled(node, goal);
            }
            catch (SyntaxErrorException error)
            {
                SyntaxError(node, error);
                return null;
            }
            node.Format = program.SourceType == SourceType.Module ? ModuleFormat.EsModule : ModuleFormat.CommonJs;
            node.SideEffectFree = module.PackageScope is { } packageScope
                && fs.ReadPackageJson(packageScope).Package is { } packageJson
                && packageJson.IsSideEffectFree(Path.GetRelativePath(packageScope, path).Replace('\\', '/'));
            var scope = ScopeAnalyzer.Analyze(program);
            if (request.NodeEnv is { } nodeEnv
                && node.Source.Contains("NODE_ENV", StringComparison.Ordinal)
                && NodeEnvFolding.Rewrite(program, scope, node.Source, nodeEnv) is { } folded)
            {
                // Same length and lines as the file, so the new tree's positions are the file's positions.
                node.FileText = node.Source;
                node.Source = folded;
                program = Parse(folded, program.SourceType);
                scope = ScopeAnalyzer.Analyze(program);
            }

            node.Program = program;
            node.Scope = scope;
            // One walk for the imports, the analyses and the transform's first half.
            var facts = SyntaxFacts.Collect(program, scope);
            var imports = facts.Imports;
            foreach (var import in imports)
            {
                // Positions from the parser have 0-based columns; diagnostics and edges use 1-based ones.
                var line = import.Position.Line;
                var column = import.Position.Column + 1;
                if (import.Specifier is null)
                {
                    var what = import.Kind == SourceImportKind.Require ? "require()" : "import()";
                    Report(
                        GraphCodes.NonLiteralSpecifier,
                        ResolutionSeverity.Warning,
                        $"{what} with a non-literal argument cannot be bundled; it fails at run time unless the module is bundled some other way",
                        node.Key,
                        line,
                        column);
                    continue;
                }

                var kind = import.Kind == SourceImportKind.Require ? ResolverImportKind.Require : ResolverImportKind.Import;
                var result = resolver.Resolve(new ResolveRequest(import.Specifier, path, kind, line, column));
                Collect(result.Diagnostics);
                if (result.Module is { } target)
                {
                    node.Resolved.Add(new Dependency(import.Specifier, import.Kind, line, column, target));
                }
            }

            InjectNodeGlobals(node, scope);
            return facts;
        }

        // Free `process` and `Buffer` become requires of the polyfill packages, as browserify does, so code written
        // for Node finds them without a global (and without a policy entry for one). Only when the polyfill is
        // installed: otherwise the name stays a free global, which `typeof process` feature tests expect.
        private void InjectNodeGlobals(Node node, ScopeAnalysis scope)
        {
            foreach (var free in scope.FreeNames)
            {
                var specifier = free.Name switch
                {
                    "process" => "process",
                    "Buffer" => "buffer",
                    _ => null,
                };
                if (specifier is null)
                {
                    continue;
                }

                var first = free.References[0].Identifier;
                var line = first.Location.Start.Line;
                var column = first.Location.Start.Column + 1;
                var result = resolver.Resolve(new ResolveRequest(specifier, node.Module.Path!, ResolverImportKind.Require, line, column));
                if (result.Module is not { Kind: ResolvedModuleKind.File } target
                    || string.Equals(target.Path, node.Module.Path, StringComparison.Ordinal))
                {
                    continue;
                }

                node.Resolved.Add(new Dependency(specifier, SourceImportKind.Require, line, column, target));
                node.InjectedGlobals.Add(new InjectedGlobal(free.Name, specifier));
            }
        }

        /// <summary>
        /// The file's text as <see cref="File.ReadAllText(string)"/> gives it (UTF-8 unless a byte order mark says
        /// otherwise, the mark dropped, invalid bytes replaced), decoded straight from the bytes: the reader behind
        /// ReadAllText copies the text through a char buffer and a builder first, twice the text in garbage per file.
        /// </summary>
        private static string ReadText(string path)
        {
            using var file = File.OpenHandle(path);
            var length = RandomAccess.GetLength(file);
            if (length > Array.MaxLength)
            {
                throw new IOException($"the file is larger than {Array.MaxLength} bytes");
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                var count = 0;
                while (count < length)
                {
                    var read = RandomAccess.Read(file, buffer.AsSpan(count, (int)length - count), count);
                    if (read == 0)
                    {
                        break;
                    }

                    count += read;
                }

                var bytes = buffer.AsSpan(0, count);
                if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, 0, 0xFE, 0xFF, ..])
                {
                    // UTF-16 or UTF-32: rare enough for the reader's own detection.
                    return File.ReadAllText(path);
                }

                return Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static Program Parse(string text, SourceType goal, bool strict = true) =>
            new Parser(new ParserOptions { SourceType = goal, Strict = strict }).Parse(text);

        // Every module runs as strict code (CommonJS inside a strict wrapper function), so a script is parsed
        // strict from its first token. A .js file that package.json does not mark as a module and that is no
        // valid script is tried as a module (import/export syntax), as bundlers decide. Only when neither works
        // but sloppy parsing would do, the error says so: the file is valid JavaScript that cannot be bundled.
        private static Program ParseAsBundled(Node node, SourceType? goal)
        {
            if (goal == SourceType.Module)
            {
                return Parse(node.Source, SourceType.Module);
            }

            SyntaxErrorException strictError;
            try
            {
                return Parse(node.Source, SourceType.Script);
            }
            catch (SyntaxErrorException error)
            {
                strictError = error;
            }

            if (goal is null)
            {
                try
                {
                    return Parse(node.Source, SourceType.Module);
                }
                catch (SyntaxErrorException)
                {
                    // Report the script's error below: package.json says the file is a script.
                }
            }

            try
            {
                Parse(node.Source, SourceType.Script, strict: false);
            }
            catch (SyntaxErrorException)
            {
                throw strictError;
            }

            throw new SyntaxErrorException(
                strictError.Description + " (the file is valid sloppy-mode JavaScript, but every bundled module runs as strict code, as SES requires)",
                strictError.Index,
                strictError.Line,
                strictError.Column);
        }

        private void SyntaxError(Node node, SyntaxErrorException error)
        {
            node.Failed = true;
            Report(GraphCodes.SyntaxError, ResolutionSeverity.Error, error.Description, node.Key, error.Line, error.Column + 1);
        }

        private void ValidateJson(Node node)
        {
            try
            {
                using var document = JsonDocument.Parse(node.Source);
            }
            catch (JsonException error)
            {
                node.Failed = true;
                var line = (int)(error.LineNumber ?? 0) + 1;
                var column = (int)(error.BytePositionInLine ?? 0) + 1;
                Report(GraphCodes.SyntaxError, ResolutionSeverity.Error, "invalid JSON: " + FirstSentence(error.Message), node.Key, line, column);
            }
        }

        // System.Text.Json appends "Path: $ | LineNumber: …" which repeats the position in another base.
        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return cut > 0 ? message[..cut] : message;
        }

        // The resolver's cache has already parsed this package.json (it found the scope), so this reads no file.
        private bool IsTypeModule(string? scope) =>
            scope is not null && fs.ReadPackageJson(scope).Package is { IsTypeModule: true };

        private void Collect(ImmutableArray<ResolutionDiagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                _diagnostics.Add(diagnostic);
            }
        }

        private void Report(string code, ResolutionSeverity severity, string message, string file, int line, int column) =>
            _diagnostics.Add(new ResolutionDiagnostic(code, severity, message, file, line, column, null, []));

        private ModuleGraph Freeze(List<string> entryKeys)
        {
            // Failed files are left out; edges to them are dropped (their importers' diagnostics explain why).
            var kept = _nodes.Values.Where(n => !n.Failed).OrderBy(n => n.Key, StringComparer.Ordinal).ToArray();
            var ids = new Dictionary<Node, int>();
            for (var i = 0; i < kept.Length; i++)
            {
                ids.Add(kept[i], i);
            }

            var modules = ImmutableArray.CreateBuilder<GraphModule>(kept.Length);
            foreach (var node in kept)
            {
                var edges = node.Resolved
                    .Where(d => d.Node is not null && ids.ContainsKey(d.Node))
                    .Select(d => new GraphEdge(d.Specifier, d.Kind, d.Line, d.Column, ids[d.Node!]))
                    .ToImmutableArray();
                modules.Add(new GraphModule(ids[node], node.Key, node.Package, node.Module.Kind, node.Format, node.Module.BuiltinName, node.Source, edges)
                {
                    Program = node.Program,
                    Scope = node.Scope,
                    Prepared = node.Prepared,
                    InjectedGlobals = [.. node.InjectedGlobals],
                    FileText = node.FileText ?? node.Source,
                    SideEffectFree = node.SideEffectFree,
                });
            }

            var entryIds = entryKeys
                .Select(key => _nodes[key])
                .Where(ids.ContainsKey)
                .Select(n => ids[n])
                .ToImmutableArray();

            var diagnostics = _diagnostics
                .Distinct()
                .OrderBy(d => d.File ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(d => d.Line)
                .ThenBy(d => d.Column)
                .ThenBy(d => d.Code, StringComparer.Ordinal)
                .ThenBy(d => d.Message, StringComparer.Ordinal)
                .ToImmutableArray();
            return new ModuleGraph(modules.MoveToImmutable(), entryIds, diagnostics) { PackageJsonFiles = [.. fs.PackageJsonFilesRead] };
        }
    }

    private sealed class Node(string key, ResolvedModule module)
    {
        public string Key { get; } = key;

        public ResolvedModule Module { get; } = module;

        public string? Package { get; set; }

        public ModuleFormat Format { get; set; }

        public string Source { get; set; } = string.Empty;

        /// <summary>The file as read, when <see cref="Source"/> had build-time substitutions made.</summary>
        public string? FileText { get; set; }

        public bool SideEffectFree { get; set; }

        public Program? Program { get; set; }

        public ScopeAnalysis? Scope { get; set; }

        public object? Prepared { get; set; }

        public List<InjectedGlobal> InjectedGlobals { get; } = [];

        public bool Failed { get; set; }

        public List<Dependency> Resolved { get; } = [];
    }

    private sealed class Dependency(string specifier, SourceImportKind kind, int line, int column, ResolvedModule module)
    {
        public string Specifier { get; } = specifier;

        public SourceImportKind Kind { get; } = kind;

        public int Line { get; } = line;

        public int Column { get; } = column;

        public ResolvedModule Module { get; } = module;

        public Node? Node { get; set; }
    }
}
