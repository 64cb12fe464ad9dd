using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace LavaMoat.Bundler.AspNetCore.Csp;

/// <summary>
/// Writes the strict policy when the response starts, so it sees (and merges with) whatever CSP the app's own
/// middleware, filters or endpoints set further down the pipeline.
/// </summary>
internal sealed partial class LavaMoatCspMiddleware
{
    private readonly RequestDelegate _next;
    private readonly LavaMoatCspOptions _options;
    private readonly ILogger _logger;

    public LavaMoatCspMiddleware(RequestDelegate next, LavaMoatCspOptions options, ILogger<LavaMoatCspMiddleware> logger)
    {
        _next = next;
        _options = options;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = _options.UseNonce ? GetOrCreateNonce(context) : null;
        context.Response.OnStarting(() =>
        {
            var headerName = _options.ReportOnly ? HeaderNames.ContentSecurityPolicyReportOnly : HeaderNames.ContentSecurityPolicy;
            var headers = context.Response.Headers;
            var existing = headers.TryGetValue(headerName, out var values) ? string.Join(", ", values.Where(v => !string.IsNullOrWhiteSpace(v))) : null;
            var composed = CspComposer.Compose(existing, _options, nonce);
            if (composed.RemovedUnsafeEval)
            {
                LogUnsafeEvalRemoved(_logger, headerName, context.Request.Path);
            }

            headers[headerName] = composed.Header;
            return Task.CompletedTask;
        });
        return _next(context);
    }

    private static string GetOrCreateNonce(HttpContext context)
    {
        var provider = context.RequestServices?.GetService<ICspNonceProvider>();
        if (provider?.GetNonce(context) is { Length: > 0 } appNonce)
        {
            return appNonce;
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[HttpContextItemsNonceProvider.ItemKey] = nonce;
        return nonce;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "{Header} set by the app allowed 'unsafe-eval' for {Path}; LavaMoat removed it: a LavaMoat page must not allow eval, which would let code escape its compartment.")]
    private static partial void LogUnsafeEvalRemoved(ILogger logger, string header, PathString path);
}
