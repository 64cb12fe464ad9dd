using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text.Json;

namespace LavaMoat.Bundler.Resolution;

/// <summary>What a path is, after following symlinks.</summary>
public enum EntryKind
{
    /// <summary>Nothing there (or a broken link).</summary>
    Missing,

    /// <summary>A file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,
}

/// <summary>A package.json read: the parsed file, or why it could not be used.</summary>
/// <param name="Package">The parsed file, or null when absent or invalid.</param>
/// <param name="Error">Why an existing file could not be parsed; null when fine or absent.</param>
public sealed record PackageJsonRead(PackageJson? Package, string? Error);

/// <summary>
/// The build's view of the disk, shared by the resolver (called from parallel parsing) and package naming. Every
/// directory is listed at most once (names only), every entry that is looked up examined at most once, and every
/// package.json read at most once per build; all caches are
/// thread-safe. Existence checks go through directory listings with ordinal name comparison, so a specifier
/// whose case differs from the file fails the same way on case-insensitive (Windows, macOS) and case-sensitive
/// disks.
/// </summary>
public sealed class ResolverFileSystem
{
    private const int MaxLinkDepth = 40;

    private readonly ConcurrentDictionary<string, Lazy<HashSet<string>?>> _listings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<PackageJsonRead>> _packageJsons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _realPaths = new(StringComparer.Ordinal);

    private int _packageJsonReads;
    private int _directoryListings;
    private int _entriesExamined;

    private readonly record struct Entry(EntryKind Kind, bool IsLink);

    /// <summary>How many package.json files were read from disk (for tests of the read-once guarantee).</summary>
    internal int PackageJsonReads => Volatile.Read(ref _packageJsonReads);

    /// <summary>How many directories were listed from disk.</summary>
    internal int DirectoryListings => Volatile.Read(ref _directoryListings);

    /// <summary>How many entries of listed directories were asked what they are.</summary>
    internal int EntriesExamined => Volatile.Read(ref _entriesExamined);

    /// <summary>What <paramref name="fullPath"/> is, following symlinks.</summary>
    public EntryKind GetKind(string fullPath) => Lookup(fullPath).Kind;

    /// <summary>True when the last component of <paramref name="fullPath"/> is a symbolic link (or junction).</summary>
    public bool IsSymlink(string fullPath) => Lookup(fullPath).IsLink;

    /// <summary>True when <paramref name="fullPath"/> is a file (or a link to one).</summary>
    public bool IsFile(string fullPath) => GetKind(fullPath) == EntryKind.File;

    /// <summary>True when <paramref name="fullPath"/> is a directory (or a link to one).</summary>
    public bool IsDirectory(string fullPath) => GetKind(fullPath) == EntryKind.Directory;

    /// <summary>
    /// The path with every symlink in it resolved, like Node's <c>fs.realpathSync</c>. A path that does not exist
    /// (or a link loop) is returned with only its existing prefix resolved.
    /// </summary>
    public string RealPath(string fullPath) => RealPath(ProjectPath.Normalize(fullPath), 0);

    /// <summary>
    /// The package.json in <paramref name="directory"/>: absent gives (null, null); invalid JSON gives
    /// (null, message) so the caller can report it where it matters.
    /// </summary>
    public PackageJsonRead ReadPackageJson(string directory) =>
        _packageJsons.GetOrAdd(directory, dir => new Lazy<PackageJsonRead>(() => LoadPackageJson(dir))).Value;

    /// <summary>Every package.json this instance has read (full paths, sorted): inputs of the build, for incremental builds.</summary>
    public IReadOnlyList<string> PackageJsonFilesRead =>
        [.. _packageJsons
            .Where(p => p.Value.IsValueCreated && (p.Value.Value.Package is not null || p.Value.Value.Error is not null))
            .Select(p => Path.Join(p.Key, "package.json"))
            .Order(StringComparer.Ordinal)];

    private PackageJsonRead LoadPackageJson(string directory)
    {
        var file = Path.Join(directory, "package.json");
        if (!IsFile(file))
        {
            return new PackageJsonRead(null, null);
        }

        Interlocked.Increment(ref _packageJsonReads);
        try
        {
            return new PackageJsonRead(PackageJson.Parse(directory, File.ReadAllBytes(file)), null);
        }
        catch (JsonException ex)
        {
            return new PackageJsonRead(null, $"invalid JSON ({ex.Message})");
        }
        catch (IOException ex)
        {
            return new PackageJsonRead(null, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new PackageJsonRead(null, ex.Message);
        }
    }

    private string RealPath(string path, int depth)
    {
        if (_realPaths.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var parent = Path.GetDirectoryName(path);
        string result;
        if (parent is null)
        {
            result = path;
        }
        else
        {
            var candidate = Path.Join(RealPath(parent, depth), Path.GetFileName(path));
            result = candidate;
            if (Lookup(candidate).IsLink && depth < MaxLinkDepth)
            {
                var target = new FileInfo(candidate).LinkTarget;
                if (target is not null)
                {
                    var realParent = Path.GetDirectoryName(candidate)!;
                    result = RealPath(ProjectPath.Normalize(Path.GetFullPath(target, realParent)), depth + 1);
                }
            }
        }

        // Racing threads compute the same answer, so a plain add is enough.
        _realPaths.TryAdd(path, result);
        return result;
    }

    private Entry Lookup(string fullPath)
    {
        var parent = Path.GetDirectoryName(fullPath);
        if (parent is null)
        {
            // A file-system root.
            return new Entry(Directory.Exists(fullPath) ? EntryKind.Directory : EntryKind.Missing, false);
        }

        var names = List(parent);
        return names is not null && names.Contains(Path.GetFileName(fullPath))
            ? _entries.GetOrAdd(fullPath, Examine)
            : default;
    }

    private HashSet<string>? List(string directory) =>
        _listings.GetOrAdd(directory, dir => new Lazy<HashSet<string>?>(() => ReadListing(dir))).Value;

    // One entry's kind, asked only when something looks it up: a listing holds names alone, because asking every
    // entry of every listed folder (ancestors of the project included, /tmp or a home folder among them) what it is
    // cost a status call per entry, most of them never looked up.
    private Entry Examine(string fullPath)
    {
        Interlocked.Increment(ref _entriesExamined);
        var info = new FileInfo(fullPath);
        FileAttributes attributes;
        try
        {
            attributes = info.Attributes;
        }
        catch (IOException)
        {
            return default;
        }
        catch (UnauthorizedAccessException)
        {
            return default;
        }

        if (attributes == (FileAttributes)(-1))
        {
            // Gone since the folder was listed.
            return default;
        }

        var isLink = (attributes & FileAttributes.ReparsePoint) != 0;
        var kind = isLink ? LinkTargetKind(info)
            : (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory
            : EntryKind.File;
        return new Entry(kind, isLink);
    }

    // File.Exists is true for a dangling link on Unix, so ask about the link's final target instead.
    private static EntryKind LinkTargetKind(FileSystemInfo link)
    {
        string? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            // A loop or too many levels of links: nothing usable there.
            return EntryKind.Missing;
        }

        return target is null ? EntryKind.Missing
            : Directory.Exists(target) ? EntryKind.Directory
            : File.Exists(target) ? EntryKind.File
            : EntryKind.Missing;
    }

    private HashSet<string>? ReadListing(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        Interlocked.Increment(ref _directoryListings);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // Names only: no status call per entry (see Examine).
            var entries = new FileSystemEnumerable<string>(
                directory,
                static (ref FileSystemEntry entry) => entry.FileName.ToString(),
                new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false });
            foreach (var name in entries)
            {
                names.Add(name);
            }
        }
        catch (IOException)
        {
            return names;
        }
        catch (UnauthorizedAccessException)
        {
            return names;
        }

        return names;
    }
}
