namespace LavaMoat.Bundler.AspNetCore.Csp;

/// <summary>
/// One serialized CSP policy as an ordered list of directives (name → source expressions). Directive names compare
/// case-insensitively (CSP3 §2.2); the first occurrence of a repeated directive is the one browsers honour, so later
/// duplicates are dropped on parse.
/// </summary>
internal sealed class ContentSecurityPolicy
{
    private readonly List<KeyValuePair<string, List<string>>> _directives = [];

    public IEnumerable<string> DirectiveNames => _directives.Select(d => d.Key);

    public static ContentSecurityPolicy Parse(string policy)
    {
        var result = new ContentSecurityPolicy();
        foreach (var token in policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var name = parts[0].ToLowerInvariant();
            if (!result.Has(name))
            {
                result._directives.Add(new(name, parts.Skip(1).ToList()));
            }
        }

        return result;
    }

    public bool Has(string name) => Find(name) is not null;

    public IReadOnlyList<string>? Get(string name) => Find(name);

    public void Set(string name, IEnumerable<string> sources)
    {
        var list = sources.ToList();
        var index = _directives.FindIndex(d => d.Key == name);
        if (index >= 0)
        {
            _directives[index] = new(name, list);
        }
        else
        {
            _directives.Add(new(name, list));
        }
    }

    public override string ToString() =>
        string.Join("; ", _directives.Select(d => d.Value.Count == 0 ? d.Key : d.Key + " " + string.Join(' ', d.Value)));

    private List<string>? Find(string name) => _directives.FirstOrDefault(d => d.Key == name).Value;
}
