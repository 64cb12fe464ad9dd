namespace LavaMoat.Bundler.Resolution;

/// <summary>
/// Path helpers shared by resolution, naming and output. Internally every path is a full, normalised OS path;
/// anything written into a bundle, a policy or a diagnostic goes through <see cref="ToRelative"/> so output never
/// depends on the checkout directory or the OS separator.
/// </summary>
public static class ProjectPath
{
    /// <summary>
    /// The path of <paramref name="fullPath"/> relative to <paramref name="projectRoot"/>, with '/' separators.
    /// Files outside the root get a '../' path (used for <c>external:</c> names); the root itself is ".".
    /// </summary>
    public static string ToRelative(string projectRoot, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(projectRoot);
        ArgumentNullException.ThrowIfNull(fullPath);
        var relative = Path.GetRelativePath(projectRoot, fullPath);
        if (Path.DirectorySeparatorChar != '/')
        {
            relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        }

        return relative;
    }

    /// <summary>A full path with no trailing separator (except for a file-system root), '.'/'..' collapsed.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Path.TrimEndingDirectorySeparator(full);
    }

    /// <summary>
    /// Joins a '/'-separated relative path (a specifier, a package.json field) onto a directory. '.' and '..'
    /// segments are collapsed by <see cref="Path.GetFullPath(string)"/>.
    /// </summary>
    public static string Combine(string directory, string slashPath)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(slashPath);
        var osPath = Path.DirectorySeparatorChar == '/' ? slashPath : slashPath.Replace('/', Path.DirectorySeparatorChar);
        return Normalize(Path.Combine(directory, osPath));
    }

    /// <summary>True when <paramref name="fullPath"/> is <paramref name="directory"/> or lies below it.</summary>
    public static bool IsUnder(string directory, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fullPath);
        if (fullPath.Length == directory.Length)
        {
            return string.Equals(fullPath, directory, StringComparison.Ordinal);
        }

        var dir = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(dir, StringComparison.Ordinal);
    }
}
