using System.Diagnostics;
using System.Globalization;
using Vigie.Bench.Evidence;

// Issue 14's benchmarks: one hour of one camera exported as an evidence package by remux (seconds), a camera's
// clip exported with its privacy masks burned in (× real time, against the remux of the same clip), and
// `vigie evidence verify` (MB/s). Every figure is the median of --runs; the variants alternate inside each run.
var masking = args.Length > 0 && args[0] == "masking";
var options = EvidenceBenchOptions.Parse(masking ? args[1..] : args);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
var archive = await HourArchive.EnsureAsync(options, CancellationToken.None);
if (masking)
{
    // Server-side masking: the cores one masked camera takes, median of --runs windows of 60 s.
    var cores = new List<double>();
    for (var run = 1; run <= options.Runs; run++)
    {
        var (used, pictures) = await MaskingBenchmark.RunAsync(options, TimeSpan.FromSeconds(60));
        cores.Add(used);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {used:0.000} cores, {pictures / 60.0:0.0} masked pictures/s"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| server-side masking, one camera ({archive.Describe}) | {cores.Order().ElementAt(cores.Count / 2):0.000} cores (median of {options.Runs}) |"));
    return;
}

var vigie = VigieCli.Locate();
var remuxHour = new List<double>();
var verify = new List<double>();
var remuxClip = new List<double>();
var maskedClip = new List<double>();
var packageBytes = 0L;
for (var run = 1; run <= options.Runs; run++)
{
    // 1. The whole hour, remuxed, hashed, signed, registered.
    var hour = Path.Combine(options.Folder, "out", $"hour-{run}");
    var (seconds, bytes) = await vigie.ExportAsync(archive, archive.Start, archive.End, hour, masked: false);
    remuxHour.Add(seconds);
    packageBytes = bytes;

    // 2. Verify that package: every file's SHA-256 and the signature.
    var watch = Stopwatch.StartNew();
    await vigie.RunAsync("evidence", "verify", hour, "--public-key", Path.Combine(options.Folder, "data", "installation-key.pub.pem"));
    verify.Add(bytes / 1e6 / watch.Elapsed.TotalSeconds);

    // 3. The same clip of --clip-minutes, without then with the masks (the masks go on and off around it).
    var clipEnd = archive.Start.AddMinutes(options.ClipMinutes);
    remuxClip.Add((await vigie.ExportAsync(archive, archive.Start, clipEnd, Path.Combine(options.Folder, "out", $"clip-{run}"), masked: false)).Seconds);
    maskedClip.Add((await vigie.ExportAsync(archive, archive.Start, clipEnd, Path.Combine(options.Folder, "out", $"masked-{run}"), masked: true)).Seconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: hour {remuxHour[^1]:0.0} s, verify {verify[^1]:0} MB/s, clip remux {remuxClip[^1]:0.0} s, clip masked {maskedClip[^1]:0.0} s"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

var clipSeconds = options.ClipMinutes * 60.0;
Console.WriteLine();
Console.WriteLine($"| {archive.Describe} | median of {options.Runs} |");
Console.WriteLine("|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1 h exported as an evidence package by remux ({packageBytes / 1e6:0} MB) | {Median(remuxHour):0.0} s ({3600 / Median(remuxHour):0} × real time) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `vigie evidence verify` of that package | {Median(verify):0} MB/s |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {options.ClipMinutes} min exported by remux (baseline) | {Median(remuxClip):0.0} s ({clipSeconds / Median(remuxClip):0} × real time) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {options.ClipMinutes} min exported with masks burned in | {Median(maskedClip):0.0} s ({clipSeconds / Median(maskedClip):0.0} × real time; {Median(maskedClip) / Median(remuxClip):0.0} × the remux) |"));
