namespace LavaMoat.Bundler;

/// <summary>
/// Sorting for the build's output order, written with <see cref="Array.Sort{T}(T[], Comparison{T})"/> rather than
/// LINQ's <c>OrderBy</c>. The tool ships precompiled (one composite ReadyToRun image with the framework), but
/// LINQ's sorters over value types (dictionary entries, tuples, our structs) are reached only through virtual
/// calls that the precompiler does not follow, so each one was compiled at run time: about 70 methods, 40 ms, in
/// every build. A direct call of a generic method of ours is precompiled for every type it is called with.
/// </summary>
internal static class OrdinalOrder
{
    /// <summary>The entries sorted by key, ordinal (keys of a dictionary are unique, so the order is total).</summary>
    public static KeyValuePair<string, TValue>[] ByKey<TValue>(IReadOnlyCollection<KeyValuePair<string, TValue>> entries)
    {
        var sorted = new KeyValuePair<string, TValue>[entries.Count];
        var i = 0;
        foreach (var entry in entries)
        {
            sorted[i++] = entry;
        }

        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return sorted;
    }

    /// <summary>The items sorted by <paramref name="compare"/>, which must order them totally (no two items equal):
    /// unlike <c>OrderBy</c>, the sort is not stable.</summary>
    public static T[] By<T>(IReadOnlyCollection<T> items, Comparison<T> compare)
    {
        var sorted = new T[items.Count];
        var i = 0;
        foreach (var item in items)
        {
            sorted[i++] = item;
        }

        Array.Sort(sorted, compare);
        return sorted;
    }
}
