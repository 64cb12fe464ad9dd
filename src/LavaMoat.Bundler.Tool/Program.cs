using System.CommandLine;
using LavaMoat.Bundler.Tool;

var root = new RootCommand("LavaMoat.Bundler: bundles npm JavaScript for the browser with each package confined to its own SES compartment.")
{
    InspectCommand.Create(),
};

return await root.Parse(args).InvokeAsync(new InvocationConfiguration
{
    // Without an explicit timeout, Ctrl+C kills the process before the action can stop cleanly.
    ProcessTerminationTimeout = TimeSpan.FromSeconds(2),
});
