using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace LavaMoat.Bundler.MSBuild.Tests;

/// <summary>Runs the <c>dotnet</c> CLI the way a user's shell would, isolated from the test host and the machine.</summary>
internal static class Dotnet
{
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed)
    {
        public Result Succeeded(string what)
        {
            Assert.AreEqual(0, ExitCode, $"{what} failed:\n{Output}");
            return this;
        }
    }

    /// <summary>The repository root, baked into the assembly so artifacts folders anywhere work.</summary>
    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(
        typeof(Dotnet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LavaMoatProjectDir").Value!,
        "..", ".."));

    /// <summary>Set by the package fixture: the isolated NuGet cache every child process uses.</summary>
    public static string? PackagesFolder { get; set; }

    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, TimeSpan.FromMinutes(6), args);

    public static Result Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = new Process { StartInfo = StartInfo(workingDirectory, args) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString(), clock.Elapsed);
        }
    }

    /// <summary>Starts a long-running process (a web app); the caller stops it.</summary>
    private static (Process Process, StringBuilder Output) Start(string workingDirectory, string environment, params string[] args)
    {
        var process = new Process { StartInfo = StartInfo(workingDirectory, args) };
        process.StartInfo.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would steer the child builds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // No build servers or reused nodes: they would outlive the test, hold our output pipes open and lock the
        // task assembly. Environment variables are MSBuild properties too.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["UseRazorBuildServer"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        if (PackagesFolder is not null)
        {
            // A unique version already keeps stale packages out; a private cache also keeps ours out of the machine's.
            start.Environment["NUGET_PACKAGES"] = PackagesFolder;
        }

        return start;
    }

    /// <summary>What one GET returned.</summary>
    public sealed record Fetched(HttpStatusCode Status, string? ContentType, string? ContentEncoding, byte[] Body);

    /// <summary>
    /// Starts a web app (<paramref name="args"/> after `dotnet`, plus --urls on a free loopback port), GETs each route
    /// once it answers, and stops it. Routes are relative ("app.bundle.js"); a route starting with "br:" asks for brotli.
    /// </summary>
    public static async Task<Dictionary<string, Fetched>> ServeAndFetchAsync(string workingDirectory, string environment, string[] args, IEnumerable<string> routes, CancellationToken cancellation)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        var (process, output) = Start(workingDirectory, environment, [.. args, "--urls", baseUri.ToString().TrimEnd('/')]);
        try
        {
            using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
            using var client = new HttpClient(handler);
            await WaitUntilServingAsync(client, baseUri, process, output).ConfigureAwait(false);
            var results = new Dictionary<string, Fetched>(StringComparer.Ordinal);
            foreach (var route in routes)
            {
                var brotli = route.StartsWith("br:", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, brotli ? route[3..] : route));
                if (brotli)
                {
                    request.Headers.AcceptEncoding.ParseAdd("br");
                }

                using var response = await client.SendAsync(request, cancellation).ConfigureAwait(false);
                results[route] = new Fetched(
                    response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType,
                    response.Content.Headers.ContentEncoding.FirstOrDefault(),
                    await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false));
            }

            return results;
        }
        finally
        {
            Stop(process);
        }
    }

    /// <summary>A web app started on a free loopback port; disposing it stops the app.</summary>
    public sealed class RunningApp(Process process, StringBuilder output, Uri baseUri) : IDisposable
    {
        public Uri BaseUri { get; } = baseUri;

        public string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        public void Dispose() => Stop(process);
    }

    /// <summary>Starts a web app (<paramref name="args"/> after `dotnet`, plus --urls on a free loopback port) and
    /// returns once it answers.</summary>
    public static async Task<RunningApp> ServeAsync(string workingDirectory, string environment, params string[] args)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        var (process, output) = Start(workingDirectory, environment, [.. args, "--urls", baseUri.ToString().TrimEnd('/')]);
        try
        {
            using var client = new HttpClient();
            await WaitUntilServingAsync(client, baseUri, process, output).ConfigureAwait(false);
            return new RunningApp(process, output, baseUri);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until the app answers (any status) or gives up with its output.</summary>
    private static async Task WaitUntilServingAsync(HttpClient client, Uri url, Process process, StringBuilder output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                Assert.Fail($"the app exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                using var response = await client.GetAsync(url).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }

        Assert.Fail($"the app did not answer on {url} within 60 s:\n{output}");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }
}
