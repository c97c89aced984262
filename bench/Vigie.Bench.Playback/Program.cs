using Vigie.Bench.Playback;

// Playback seek benchmark (issue 4, Benchmarks): time from a seek request to the first fragment's bytes on a
// 30-day archive of one camera, through `vigie serve` in its own process. See bench/README.md.
//   dotnet bench/Vigie.Bench.Playback/bin/Release/net10.0/Vigie.Bench.Playback.dll [--archive DIR] [--seeks 200] [--cold-seeks 30] [--runs 3]
var options = PlaybackBenchOptions.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await SeekBenchmark.RunAsync(options, stop.Token).ConfigureAwait(false);
return 0;
