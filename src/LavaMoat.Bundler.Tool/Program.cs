using System.CommandLine;
using System.CommandLine.Help;
using LavaMoat.Bundler.Tool;

var cli = new BundleCommand();
var parsed = cli.Parse(args);

// System.CommandLine exits 1 on a parse error; 1 here means "the build failed", so usage errors get 2 and a
// short message instead of the whole help text. --help still wins over errors, as users expect.
if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
{
    Usage.Report(parsed.Errors.Select(e => e.Message), parsed, Console.Error);
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync(new InvocationConfiguration
{
    // Without an explicit timeout, Ctrl+C kills the process before the action can stop cleanly.
    ProcessTerminationTimeout = TimeSpan.FromSeconds(2),
});
