using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LavaMoat.Bundler.Tests.Browser;

/// <summary>
/// Kestrel on 127.0.0.1 serving in-memory pages and scripts, every response with
/// <c>Content-Security-Policy: default-src 'none'; script-src 'self'</c> (no 'unsafe-eval', no inline script).
/// Scripts are served as UTF-8 (the SES shim has non-ASCII identifiers).
/// </summary>
internal sealed class CspPageServer : IAsyncDisposable
{
    public const string Csp = "default-src 'none'; script-src 'self'";

    private readonly WebApplication _app;
    private readonly Dictionary<string, (string Content, string Type)> _files;

    private CspPageServer(WebApplication app, Dictionary<string, (string, string)> files, Uri baseAddress)
    {
        _app = app;
        _files = files;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<CspPageServer> StartAsync(IReadOnlyDictionary<string, string> files)
    {
        var table = files.ToDictionary(
            f => f.Key,
            f => (f.Value, f.Key.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.Headers.ContentSecurityPolicy = Csp;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (!table.TryGetValue(context.Request.Path.Value ?? "", out var file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = file.Item2;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(file.Item1)).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CspPageServer(app, table, new Uri(address));
    }

    public Uri UrlOf(string path) => new(BaseAddress, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _files.Clear();
    }
}
