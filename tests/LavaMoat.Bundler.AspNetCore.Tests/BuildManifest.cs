using System.Text.Json;

namespace LavaMoat.Bundler.AspNetCore.Tests;

/// <summary>
/// Reads the static asset endpoints manifest the Web SDK wrote for this project, as the expected values: the tests
/// then check that what the page writes is what the build recorded.
/// </summary>
internal sealed class BuildManifest
{
    private readonly JsonElement _endpoints;

    private BuildManifest(JsonElement endpoints) => _endpoints = endpoints;

    public static BuildManifest Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, typeof(BuildManifest).Assembly.GetName().Name + ".staticwebassets.endpoints.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new BuildManifest(document.RootElement.GetProperty("Endpoints").Clone());
    }

    public string FingerprintedRoute(string label) => Primary(e => Property(e, "label") == label).GetProperty("Route").GetString()!;

    public string Integrity(string route) => Property(Primary(e => e.GetProperty("Route").GetString() == route), "integrity")!;

    private JsonElement Primary(Func<JsonElement, bool> predicate) =>
        _endpoints.EnumerateArray().Single(e => e.GetProperty("Selectors").GetArrayLength() == 0 && predicate(e));

    private static string? Property(JsonElement endpoint, string name) =>
        endpoint.GetProperty("EndpointProperties").EnumerateArray()
            .Where(p => p.GetProperty("Name").GetString() == name)
            .Select(p => p.GetProperty("Value").GetString())
            .FirstOrDefault();
}
