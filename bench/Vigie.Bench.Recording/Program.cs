using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Vigie.Bench.Recording;

var cameras = new Option<int[]>("--cameras")
{
    Description = "Camera counts of the side-by-side comparison (repeat the option or list them).",
    DefaultValueFactory = _ => [20, 50],
    AllowMultipleArgumentsPerToken = true,
};
var runs = new Option<int>("--runs") { Description = "Repetitions of each side at each count (Vigie and ffmpeg alternate).", DefaultValueFactory = _ => 3 };
var warmup = new Option<int>("--warmup") { Description = "Seconds after a side starts before measuring.", DefaultValueFactory = _ => 30 };
var window = new Option<int>("--window") { Description = "Measured window, seconds.", DefaultValueFactory = _ => 120 };
var ffmpegSegment = new Option<int>("--ffmpeg-segment") { Description = "Segment length of the ffmpeg side, seconds (Frigate: 10).", DefaultValueFactory = _ => 10 };
var vigie = new Option<string?>("--vigie") { Description = "The built host (default: src/Vigie.Server/bin/Release/net10.0/vigie.dll of this repository)." };
var camsim = new Option<string?>("--camsim") { Description = "The build whose `vigie camsim` plays the cameras (default: the --vigie build); to compare hosts on one simulator." };
var source = new Option<string?>("--source") { Description = "Clip the simulator plays (default: a generated 1280x720 25 fps test pattern)." };
var work = new Option<string>("--work") { Description = "Folder for data folders, recordings and logs.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "vigie-bench-recording") };
var simulatorPort = new Option<int>("--simulator-port") { Description = "RTSP port of the simulator.", DefaultValueFactory = _ => 18554 };
var httpPort = new Option<int>("--http-port") { Description = "HTTP port of the Vigie host.", DefaultValueFactory = _ => 18080 };
var keep = new Option<bool>("--keep") { Description = "Keep recordings afterwards (≈ 15 MB per camera-minute)." };
var discard = new Option<bool>("--discard") { Description = "Count and delete Vigie's complete segments every 10 s during the run (long runs at 1,000+ cameras would fill the disk)." };
var kernelCounts = new Option<bool>("--kernel-counts") { Description = "Also count system calls and context switches per camera-second with perf stat (root): load-independent figures to compare builds." };
var start = new Option<int>("--start") { Description = "max: first camera count.", DefaultValueFactory = _ => 100 };
var step = new Option<int>("--step") { Description = "max: increment.", DefaultValueFactory = _ => 50 };
var limit = new Option<int>("--limit") { Description = "max: highest count tried.", DefaultValueFactory = _ => 500 };
var counts = new Option<int[]>("--counts") { Description = "max: counts to try instead of --start/--step/--limit.", AllowMultipleArgumentsPerToken = true };

var root = new RootCommand("Vigie recording benchmark: N simulated cameras recorded by Vigie's host versus N ffmpeg -c copy processes (CPU, memory, frames lost).")
{
    cameras, runs, warmup, window, ffmpegSegment, vigie, camsim, source, work, simulatorPort, httpPort, keep, kernelCounts, discard,
};
var maxCommand = new Command("max", "Vigie alone at increasing camera counts until one loses frames (the largest N this machine records).")
{
    start, step, limit, counts,
};
root.Subcommands.Add(maxCommand);
foreach (var option in new Option[] { runs, warmup, window, ffmpegSegment, vigie, camsim, source, work, simulatorPort, httpPort, keep, kernelCounts, discard })
{
    // Shared by `max`, which measures with the same settings.
    option.Recursive = true;
}

root.SetAction(async (parse, cancellationToken) =>
{
    if (Options(parse) is not { } options || options.Cameras.Any(n => n < 1))
    {
        return 2;
    }

    Header(options);
    Console.WriteLine($"  side by side at {string.Join(", ", options.Cameras)} cameras, {options.Runs} runs, warm-up {options.Warmup.TotalSeconds:F0} s, window {options.Window.TotalSeconds:F0} s");
    var (idle, results) = await RecordingBenchmark.SideBySideAsync(options, cancellationToken).ConfigureAwait(false);
    Console.WriteLine();
    Console.WriteLine(ReportTable.SideBySide(idle, results));
    return results.Any(r => r.CamerasWithSurplus > 0) ? 1 : 0;
});

maxCommand.SetAction(async (parse, cancellationToken) =>
{
    if (Options(parse) is not { } options)
    {
        return 2;
    }

    var max = new MaxOptions
    {
        Start = parse.GetValue(start),
        Step = parse.GetValue(step),
        Limit = parse.GetValue(limit),
        Counts = parse.GetValue(counts) ?? [],
    };
    if (max.Start < 1 || max.Step < 1)
    {
        await Console.Error.WriteLineAsync("--start and --step must be positive.").ConfigureAwait(false);
        return 2;
    }

    Header(options);
    Console.WriteLine($"  max: {string.Join(", ", max.Sequence())} cameras until frames are lost, warm-up {options.Warmup.TotalSeconds:F0} s, window {options.Window.TotalSeconds:F0} s");
    var results = await RecordingBenchmark.MaxAsync(options, max, cancellationToken).ConfigureAwait(false);
    Console.WriteLine();
    Console.WriteLine(ReportTable.Max(results));
    return 0;
});

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

BenchOptions? Options(ParseResult parse)
{
    var dll = parse.GetValue(vigie) ?? DefaultVigieDll();
    if (dll is null || !File.Exists(dll))
    {
        Console.Error.WriteLine($"vigie.dll not found ({dll ?? "no Vigie.slnx above the current folder"}): build it with `dotnet build src/Vigie.Server -c Release` or pass --vigie.");
        return null;
    }

    return new BenchOptions
    {
        Cameras = parse.GetValue(cameras) ?? [20, 50],
        Runs = Math.Max(1, parse.GetValue(runs)),
        Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
        Window = TimeSpan.FromSeconds(Math.Max(5, parse.GetValue(window))),
        FfmpegSegment = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(ffmpegSegment))),
        VigieDll = Path.GetFullPath(dll),
        CamsimDll = Path.GetFullPath(parse.GetValue(camsim) ?? dll),
        Source = parse.GetValue(source) is { } file ? Path.GetFullPath(file) : null,
        WorkFolder = Path.GetFullPath(parse.GetValue(work)!),
        SimulatorPort = parse.GetValue(simulatorPort),
        HttpPort = parse.GetValue(httpPort),
        Keep = parse.GetValue(keep),
        KernelCounts = parse.GetValue(kernelCounts),
        Discard = parse.GetValue(discard),
    };
}

static string? DefaultVigieDll()
{
    for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Vigie.slnx")))
        {
            return Path.Combine(folder.FullName, "src", "Vigie.Server", "bin", "Release", "net10.0", "vigie.dll");
        }
    }

    return null;
}

static void Header(BenchOptions options)
{
    var memory = File.ReadLines("/proc/meminfo").First();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Vigie recording benchmark — {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores, {memory}, load {ProcFs.LoadAverage()}"));
    Console.WriteLine($"  ffmpeg side: ffmpeg {string.Join(' ', FfmpegSide.Arguments("rtsp://…/camK", options.FfmpegSegment, "DIR/camK/%Y%m%d-%H%M%S.mp4"))}");
    Console.WriteLine($"  Vigie side: dotnet {options.VigieDll} serve --data DIR --urls http://127.0.0.1:{options.HttpPort} (N cameras seeded in DIR/vigie.db)");
}
