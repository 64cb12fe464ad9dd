using System.Collections.Frozen;

namespace LavaMoat.Bundler.Resolution;

/// <summary>
/// Node's core module names (Node 20–24 <c>module.builtinModules</c>) and the browser polyfill packages that
/// browserify and webpack 4 used for them. A builtin resolves to the installed package of the same name first
/// (<c>buffer</c>, <c>events</c>, <c>process</c>, <c>util</c>, …), then to the conventional polyfill name
/// (<c>stream-browserify</c>, …), so projects migrating from browserify keep working.
/// </summary>
public static class NodeBuiltins
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
        "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
        "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
        "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
        "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
        "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
        "punycode", "querystring", "readline", "readline/promises", "repl", "stream", "stream/consumers",
        "stream/promises", "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls",
        "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Alternatives = new Dictionary<string, string>
    {
        ["console"] = "console-browserify",
        ["constants"] = "constants-browserify",
        ["crypto"] = "crypto-browserify",
        ["domain"] = "domain-browser",
        ["http"] = "stream-http",
        ["https"] = "https-browserify",
        ["os"] = "os-browserify",
        ["path"] = "path-browserify",
        ["querystring"] = "querystring-es3",
        ["stream"] = "stream-browserify",
        ["sys"] = "util",
        ["timers"] = "timers-browserify",
        ["tty"] = "tty-browserify",
        ["vm"] = "vm-browserify",
        ["zlib"] = "browserify-zlib",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The builtin named by <paramref name="specifier"/>, without <c>node:</c>, or null when it is an ordinary
    /// package specifier. With the prefix anything is a builtin (<c>node:test</c> exists only prefixed); without
    /// it only Node's exact names count, so <c>buffer/</c> and <c>events/x</c> stay package specifiers.
    /// </summary>
    public static string? GetBuiltinName(string specifier)
    {
        ArgumentNullException.ThrowIfNull(specifier);
        if (specifier.StartsWith("node:", StringComparison.Ordinal))
        {
            return specifier[5..];
        }

        return Names.Contains(specifier) ? specifier : null;
    }

    /// <summary>Package specifiers to try, in order, for a builtin's browser polyfill.</summary>
    public static IReadOnlyList<string> PolyfillCandidates(string builtinName)
    {
        ArgumentNullException.ThrowIfNull(builtinName);
        return Alternatives.TryGetValue(builtinName, out var alternative) ? [builtinName, alternative] : [builtinName];
    }
}
