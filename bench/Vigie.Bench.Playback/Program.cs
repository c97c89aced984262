using Vigie.Bench.Playback;

// Playback seek benchmark (issue 4, Benchmarks): time from a seek request to the first fragment's bytes on a
// 30-day archive of one camera, through `vigie serve` in its own process. See bench/README.md.
//   dotnet bench/Vigie.Bench.Playback/bin/Release/net10.0/Vigie.Bench.Playback.dll [--archive DIR] [--seeks 200] [--cold-seeks 30] [--runs 3]
//   ... components [--archive DIR] [--seeks 200] [--cold-seeks 30]   (the server's seek path piece by piece, in process)
var components = args.Length > 0 && args[0] == "components";
var options = PlaybackBenchOptions.Parse(components ? args[1..] : args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
if (components)
{
    await ComponentProbe.RunAsync(options, stop.Token).ConfigureAwait(false);
}
else
{
    await SeekBenchmark.RunAsync(options, stop.Token).ConfigureAwait(false);
}

return 0;
