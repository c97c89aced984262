using Vigie.Bench.Playback;

// Playback seek benchmark (issue 4, Benchmarks): time from a seek request to the first fragment's bytes on a
// 30-day archive of one camera, through `vigie serve` in its own process. See bench/README.md.
//   dotnet bench/Vigie.Bench.Playback/bin/Release/net10.0/Vigie.Bench.Playback.dll [--archive DIR] [--seeks 200] [--cold-seeks 30] [--runs 3]
//   ... components [--archive DIR] [--seeks 200] [--cold-seeks 30]   (the server's seek path piece by piece, in process)
//   ... startup [--archive DIR] [--runs 5] [--baseline OTHER/vigie.dll]   (host start to /health 200 and to reconciled)
//   ... retention [--archive DIR] [--runs 5]   (one retention pass, incremental beside the whole-index pass)
var mode = args.Length > 0 && args[0] is "components" or "startup" or "retention" ? args[0] : "seek";
var rest = mode == "seek" ? args : args[1..];
string? baseline = null;
var baselineAt = Array.IndexOf(rest, "--baseline");
if (baselineAt >= 0 && baselineAt + 1 < rest.Length)
{
    baseline = rest[baselineAt + 1];
    rest = [.. rest[..baselineAt], .. rest[(baselineAt + 2)..]];
}

var components = mode == "components";
var options = PlaybackBenchOptions.Parse(rest);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
if (mode == "startup")
{
    await StartupBenchmark.RunAsync(options, baseline, stop.Token).ConfigureAwait(false);
}
else if (mode == "retention")
{
    await RetentionBenchmark.RunAsync(options, stop.Token).ConfigureAwait(false);
}
else if (components)
{
    await ComponentProbe.RunAsync(options, stop.Token).ConfigureAwait(false);
}
else
{
    await SeekBenchmark.RunAsync(options, stop.Token).ConfigureAwait(false);
}

return 0;
