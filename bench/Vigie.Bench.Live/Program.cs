using System.Globalization;
using Vigie.Bench.Live;

// Live video benchmarks (issue "Live video wall"): capture-to-presentation latency and time to first frame
// in Debian's Chromium, and the CPU cost of fan-out to many WebSocket viewers. See bench/README.md.
//   dotnet run -c Release --project bench/Vigie.Bench.Live -- [--runs 3] [--window 30] [--viewers 100] [--cameras 16]
//   (internal) ... viewers --base URL --cookie COOKIE --cameras ID,ID --count N --seconds S
if (args.Length > 0 && args[0] == "viewers")
{
    return await ViewerClients.RunAsync(Arg(args, "--base")!, Arg(args, "--cookie")!, Arg(args, "--cameras")!.Split(','),
        int.Parse(Arg(args, "--count")!, CultureInfo.InvariantCulture), double.Parse(Arg(args, "--seconds")!, CultureInfo.InvariantCulture)).ConfigureAwait(false);
}

var options = new LiveBenchOptions(
    Runs: Int(args, "--runs", 3),
    WindowSeconds: Int(args, "--window", 30),
    Viewers: Int(args, "--viewers", 100),
    Cameras: Int(args, "--cameras", 16),
    Openings: Int(args, "--openings", 20));
await LiveBenchmark.RunAsync(options).ConfigureAwait(false);
return 0;

static string? Arg(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int Int(string[] args, string name, int fallback) =>
    Arg(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
