using System.Text;
using LavaMoat.Bundler.Syntax.Tests.Infrastructure;

namespace LavaMoat.Bundler.Syntax.Tests.Conformance;

/// <summary>
/// Collects failures of a bulk test and renders them grouped by category (biggest first), each with its
/// smallest examples first, since a small example is the quickest for the parser's author to act on.
/// The full report also goes to a file so the assertion message can stay readable.
/// </summary>
public sealed class MismatchReport(string title)
{
    private readonly List<Item> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public void Add(string category, string detail, long size)
    {
        lock (_items)
        {
            _items.Add(new Item(category, detail, size));
        }
    }

    /// <summary>The categories and their counts, biggest first.</summary>
    public IReadOnlyList<(string Category, int Count)> Categories()
    {
        lock (_items)
        {
            return _items.GroupBy(i => i.Category).Select(g => (g.Key, g.Count()))
                .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Writes the whole report under the harness cache folder and returns the message for the assertion.</summary>
    public string Render(int totalChecked, int examplesPerCategory = 3, int maxCategories = 25)
    {
        List<Item> items;
        lock (_items)
        {
            items = [.. _items];
        }

        var full = Build(items, totalChecked, int.MaxValue, int.MaxValue);
        var reportPath = Path.Combine(RepoPaths.CacheDir, "reports", Sanitize(title) + ".txt");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
            File.WriteAllText(reportPath, full);
        }
        catch (IOException)
        {
            reportPath = "(could not write the full report)";
        }

        return Build(items, totalChecked, examplesPerCategory, maxCategories) + $"\nFull report: {reportPath}\n";
    }

    private string Build(List<Item> items, int totalChecked, int examplesPerCategory, int maxCategories)
    {
        var text = new StringBuilder();
        text.Append(title).Append(": ").Append(items.Count).Append(" failure(s) out of ").Append(totalChecked).Append('\n');
        var groups = items.GroupBy(i => i.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var group in groups)
        {
            text.Append("  ").Append(group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5)).Append("  ").Append(group.Key).Append('\n');
        }

        foreach (var group in groups.Take(maxCategories))
        {
            text.Append("\n== ").Append(group.Key).Append(" (").Append(group.Count()).Append(")\n");
            foreach (var item in group.OrderBy(i => i.Size).ThenBy(i => i.Detail, StringComparer.Ordinal).Take(examplesPerCategory))
            {
                text.Append(item.Detail.TrimEnd()).Append("\n\n");
            }
        }

        if (groups.Count > maxCategories)
        {
            text.Append("… ").Append(groups.Count - maxCategories).Append(" more categories in the full report\n");
        }

        return text.ToString();
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    private sealed record Item(string Category, string Detail, long Size);
}
