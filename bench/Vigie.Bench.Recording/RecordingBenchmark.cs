using System.Globalization;

namespace Vigie.Bench.Recording;

/// <summary>The two measurements of the video-core issue: Vigie against ffmpeg side by side, and the largest N Vigie records.</summary>
public static class RecordingBenchmark
{
    /// <summary>At each camera count, one simulator; Vigie and ffmpeg alternate (the first side swaps every run).</summary>
    public static async Task<(WindowSample Idle, IReadOnlyList<PhaseResult> Results)> SideBySideAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = await SourceAsync(options, cancellationToken).ConfigureAwait(false);
        var results = new List<PhaseResult>();
        WindowSample? idle = null;
        foreach (var cameras in options.Cameras)
        {
            if (Preflight.Check(cameras, options) is { } refusal)
            {
                PhaseRunner.Log($"{cameras} cameras: not run: {refusal}");
                continue;
            }

            await using var simulator = await CamsimProcess.StartAsync(cameras, options.SimulatorPort, options.CamsimDll, source,
                Path.Combine(options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"camsim-{cameras}.log"))).ConfigureAwait(false);
            idle ??= await IdleAsync(options, simulator, cancellationToken).ConfigureAwait(false);
            for (var run = 1; run <= options.Runs; run++)
            {
                var vigieFirst = run % 2 == 1;
                foreach (var vigie in vigieFirst ? new[] { true, false } : [false, true])
                {
                    var folder = Path.Combine(options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"{(vigie ? "vigie" : "ffmpeg")}-{cameras}-{run}"));
                    await using IRecorderSide side = vigie ? new VigieSide(options, simulator, cameras, folder) : new FfmpegSide(options, simulator, cameras, folder);
                    results.Add(await PhaseRunner.RunAsync(side, simulator, cameras, run, options, cancellationToken).ConfigureAwait(false));
                }
            }

            Console.WriteLine();
            Console.WriteLine(ReportTable.SideBySide(idle, results));
        }

        return (idle!, results);
    }

    /// <summary>Vigie alone at increasing N (one fresh simulator of N cameras each), until frames are lost.</summary>
    public static async Task<IReadOnlyList<PhaseResult>> MaxAsync(BenchOptions options, MaxOptions max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(max);
        var source = await SourceAsync(options, cancellationToken).ConfigureAwait(false);
        var results = new List<PhaseResult>();
        foreach (var cameras in max.Sequence())
        {
            if (Preflight.Check(cameras, options) is { } refusal)
            {
                PhaseRunner.Log($"{cameras} cameras: not run: {refusal}");
                break;
            }

            await using var simulator = await CamsimProcess.StartAsync(cameras, options.SimulatorPort, options.CamsimDll, source,
                Path.Combine(options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"camsim-max-{cameras}.log"))).ConfigureAwait(false);
            var folder = Path.Combine(options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"vigie-max-{cameras}"));
            await using var side = new VigieSide(options, simulator, cameras, folder);
            var result = await PhaseRunner.RunAsync(side, simulator, cameras, 1, options, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            Console.WriteLine();
            Console.WriteLine(ReportTable.Max(results));
            if (result.Lost > 0 || result.Sample.ProcessesGone > 0)
            {
                PhaseRunner.Log($"{cameras} cameras: {result.Lost:N0} frames lost on {result.CamerasLosing} cameras; stopping here.");
                break;
            }
        }

        return results;
    }

    private static async Task<WindowSample> IdleAsync(BenchOptions options, CamsimProcess simulator, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.WorkFolder, "vigie-idle");
        await using var side = new VigieSide(options, simulator, 0, folder);
        PhaseRunner.Log($"Vigie idle (0 cameras): starting (load {ProcFs.LoadAverage()})");
        await side.StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        var idleWindow = TimeSpan.FromSeconds(30);
        var counting = options.KernelCounts
            ? KernelCounts.MeasureAsync(side.ProcessIds, idleWindow, Path.Combine(options.WorkFolder, "perf-idle.csv"), cancellationToken)
            : Task.FromResult<KernelCounts?>(null);
        var sample = await WindowSampler.MeasureAsync(side.ProcessIds, simulator.ProcessId, idleWindow, cancellationToken).ConfigureAwait(false);
        if (await counting.ConfigureAwait(false) is { } kernel)
        {
            PhaseRunner.Log("  idle host, per second: " + string.Join(", ", kernel.PerCameraSecond(1).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.PerCameraSecond:F1}"))));
        }

        await side.FinishAsync(cancellationToken).ConfigureAwait(false);
        side.Clean();
        PhaseRunner.Log(string.Create(CultureInfo.InvariantCulture,
            $"  idle host: RSS {sample.MedianRss / 1048576.0:F1} MiB, PSS {sample.MedianPss / 1048576.0:F1} MiB, CPU {sample.CpuSeconds / sample.Duration.TotalSeconds:P1} of a core"));
        return sample;
    }

    private static async Task<string> SourceAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var source = options.Source ?? await SourceClip.EnsureAsync(options.WorkFolder, cancellationToken).ConfigureAwait(false);
        PhaseRunner.Log($"Source clip {source}; vigie {options.VigieDll}; camsim {options.CamsimDll}; work folder {options.WorkFolder}");
        return source;
    }
}
