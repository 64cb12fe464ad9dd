using System.Diagnostics;
using System.Globalization;
using LavaMoat.Bundler.Syntax;
using LavaMoat.Bundler.Syntax.Ast;

// Parse throughput of our parser over a file list written by bench/parse/acorn-bench.mjs
// (one "script|module<TAB>path" per line), so both parsers see the same files with the same goal.
// Prints one JSON object: MB/s per round, and bytes allocated per byte of source.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ParseBench <file-list> <rounds>");
    return 2;
}

var files = new List<(SourceType Type, string Text)>();
foreach (var line in File.ReadAllLines(args[0]))
{
    var tab = line.IndexOf('\t', StringComparison.Ordinal);
    var type = line[..tab] == "module" ? SourceType.Module : SourceType.Script;
    // Keep a byte-order mark as U+FEFF, as Node's readFileSync does, so both parsers see the same text.
    using var reader = new StreamReader(line[(tab + 1)..], new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
    files.Add((type, reader.ReadToEnd()));
}

var rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
long chars = files.Sum(f => (long)f.Text.Length);
var scriptParser = new Parser(new ParserOptions { SourceType = SourceType.Script });
var moduleParser = new Parser(new ParserOptions { SourceType = SourceType.Module });

void ParseAll()
{
    foreach (var (type, text) in files)
    {
        (type == SourceType.Module ? moduleParser : scriptParser).Parse(text);
    }
}

// Warm-up: let tiered compilation reach its optimised code before measuring.
for (var i = 0; i < 3; i++)
{
    ParseAll();
}

var mbPerSecond = new List<double>();
long allocated = 0;
for (var round = 0; round < rounds; round++)
{
    GC.Collect();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    ParseAll();
    watch.Stop();
    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    mbPerSecond.Add(chars / 1e6 / watch.Elapsed.TotalSeconds);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"files\":{files.Count},\"chars\":{chars},\"mbPerSecond\":[{string.Join(",", mbPerSecond.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}],\"allocatedBytesPerChar\":{(double)allocated / chars:F2}}}"));
return 0;
