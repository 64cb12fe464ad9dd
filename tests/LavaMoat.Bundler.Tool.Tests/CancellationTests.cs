using System.Diagnostics;
using System.Text;

namespace LavaMoat.Bundler.Tool.Tests;

/// <summary>Ctrl+C during a real build: exit 130, one line, nothing written.</summary>
[TestClass]
public sealed class CancellationTests
{
    // Sending SIGINT needs kill(1); Windows has no equivalent a test can send to a console child.
    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void Ctrl_C_during_a_build_exits_130_and_writes_nothing()
    {
        // Big enough that the build is still running when the signal arrives, even on a fast machine.
        var body = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"function f{i}(a, b) {{ var s = 0; for (var k = 0; k < a; k++) {{ s += k * b + {i}; }} return s; }}"));
        var files = new List<(string, string)> { ("package.json", """{ "name": "big", "version": "1.0.0" }""") };
        files.Add(("index.js", string.Concat(Enumerable.Range(0, 1000).Select(i => $"require('./m/m{i}.js');\n"))));
        files.AddRange(Enumerable.Range(0, 1000).Select(i => ($"m/m{i}.js", body + $"\nmodule.exports = f{i % 200}(3, 4);\n")));
        using var dir = ToolRunner.Files([.. files]);

        using var process = new Process { StartInfo = ToolRunner.StartInfo(dir.Path, "index.js", "-o", "dist/app.js") };
        var stderr = new StringBuilder();
        var started = new TaskCompletionSource();
        process.Start();
        // stderr is read on a thread of its own, not through ErrorDataReceived: under a loaded test run the thread
        // pool can deliver those events seconds late, and the signal would then arrive after the build finished.
        var reader = new Thread(() =>
        {
            while (process.StandardError.ReadLine() is { } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                }

                // The progress line is printed by the bundling action, after the Ctrl+C handler is in place.
                if (line.Contains("bundling", StringComparison.Ordinal))
                {
                    started.TrySetResult();
                }
            }
        })
        { IsBackground = true };
        reader.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.IsTrue(started.Task.Wait(TimeSpan.FromMinutes(1)), "the build never started");
        Thread.Sleep(300);

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the build did not stop after Ctrl+C");
        }

        process.WaitForExit();
        reader.Join(TimeSpan.FromSeconds(10));
        string text;
        lock (stderr)
        {
            text = stderr.ToString();
        }

        Assert.AreEqual(130, process.ExitCode, text);
        StringAssert.Contains(text, "lavamoat-bundle: cancelled");
        Assert.AreEqual("", stdout.Result);
        Assert.IsFalse(Directory.Exists(Path.Combine(dir.Path, "dist")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "dist")).Any(),
            "a cancelled build leaves no output");
    }
}
