using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LavaMoat.Bundler.AspNetCore.Tests;

/// <summary>
/// A real ASP.NET Core app on Kestrel (127.0.0.1, a free port) over this test project's own build output: the
/// static web assets manifests the Web SDK generated for wwwroot/ and FixtureRcl, and the compiled Pages/.
/// </summary>
internal sealed partial class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSite(WebApplication app, HttpClient client, ListLoggerProvider logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public ListLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestSite> StartAsync(
        Action<WebApplicationBuilder>? configureBuilder,
        Action<WebApplication> configureApp,
        string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The manifests are named after the application and sit beside the test assembly.
            ApplicationName = typeof(TestSite).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // Production keeps the build-time integrity on the static asset endpoints (Development removes it).
            EnvironmentName = environment,
        });
        var logs = new ListLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Serves wwwroot/ and _content/FixtureRcl/ from their source folders through the build's runtime manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddLavaMoat();
        configureBuilder?.Invoke(builder);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        return new TestSite(app, client, logs);
    }

    /// <summary>Razor Pages from this assembly (the test host is the entry assembly, so add it as an application part).</summary>
    public static void AddPages(WebApplicationBuilder builder) =>
        builder.Services.AddRazorPages().AddApplicationPart(typeof(TestSite).Assembly);

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    /// <summary>The SRI value of what the server actually sends for <paramref name="src"/>, computed here independently.</summary>
    public async Task<string> IntegrityOfServedAsync(string src)
    {
        using var response = await Client.GetAsync(new Uri(src, UriKind.Relative)).ConfigureAwait(false);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, src);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(body));
    }

    /// <summary>Every &lt;script&gt; start tag in <paramref name="html"/> as attribute name → value (null for boolean attributes).</summary>
    public static List<Dictionary<string, string?>> Scripts(string html) =>
        ScriptTag().Matches(html).Select(m => Attribute().Matches(m.Groups[1].Value).ToDictionary(
            a => a.Groups[1].Value,
            a => a.Groups[2].Success ? WebUtility.HtmlDecode(a.Groups[2].Value) : null,
            StringComparer.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"<script\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"([^\s=/]+)(?:=""([^""]*)"")?")]
    private static partial Regex Attribute();
}

/// <summary>Collects log messages so tests can assert on warnings.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyCollection<(LogLevel Level, string Category, string Message)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
