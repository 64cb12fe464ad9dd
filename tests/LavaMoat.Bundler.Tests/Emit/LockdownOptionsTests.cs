using LavaMoat.Bundler.Emit;
using static LavaMoat.Bundler.Tests.Infrastructure.Fixtures;

namespace LavaMoat.Bundler.Tests.Emit;

[TestClass]
public sealed class LockdownOptionsTests
{
    [TestMethod]
    public void The_default_is_valid_and_says_no_eval()
    {
        Assert.IsEmpty(LockdownOptions.Default.Validate());
        var output = Write([Module(1, Root, "a.js", "")]);
        StringAssert.Contains(output.Bundle, "\"lockdown\":{\"evalTaming\":\"no-eval\",\"errorTaming\":\"unsafe\",\"localeTaming\":\"unsafe\",\"overrideTaming\":\"severe\",\"stackFiltering\":\"verbose\"}");
    }

    [TestMethod]
    [DataRow("bogus")]
    [DataRow("safeEval")] // deprecated spelling: accepted by SES but not emitted by us
    [DataRow("")]
    public void An_unknown_evalTaming_is_refused_because_SES_would_treat_it_as_unsafe_eval(string value)
    {
        var options = LockdownOptions.Default with { EvalTaming = value };
        Assert.HasCount(1, options.Validate());
        var error = Assert.ThrowsExactly<BundleException>(() => Write([Module(1, Root, "a.js", "")], options: new BundleOptions { Lockdown = options }));
        Assert.AreEqual("LMB3001", error.Code);
        StringAssert.Contains(error.Message, "evalTaming");
    }

    [TestMethod]
    public void Every_enum_option_is_checked()
    {
        var options = new LockdownOptions
        {
            ErrorTaming = "x", ErrorTrapping = "x", Reporting = "x", UnhandledRejectionTrapping = "x", RegExpTaming = "x",
            LocaleTaming = "x", ConsoleTaming = "x", OverrideTaming = "x", StackFiltering = "x", DomainTaming = "x",
            LegacyRegeneratorRuntimeTaming = "x", OverrideDebug = ["a,b"],
        };
        Assert.HasCount(12, options.Validate());
    }

    [TestMethod]
    public async Task Every_value_we_accept_is_accepted_by_ses_lockdown()
    {
        // One bundle per option value would be slow; instead lockdown runs with the most unusual accepted value
        // of each option at once (SES rejects unknown option names, so this also checks the names).
        var options = new LockdownOptions
        {
            EvalTaming = "no-eval", ErrorTaming = "unsafe-debug", ErrorTrapping = "none", Reporting = "none",
            UnhandledRejectionTrapping = "none", RegExpTaming = "unsafe", LocaleTaming = "unsafe", ConsoleTaming = "unsafe",
            OverrideTaming = "min", StackFiltering = "shorten-paths", DomainTaming = "unsafe",
            LegacyRegeneratorRuntimeTaming = "unsafe-ignore", OverrideDebug = ["constructor"],
        };
        var result = await Infrastructure.VmHarness.RunAsync(Write([Module(1, Root, "a.js", "report('ran', true);")], options: new BundleOptions { Lockdown = options }));
        result.AssertNoErrors();
        Assert.IsTrue(result.Report("ran").GetBoolean());
    }
}
