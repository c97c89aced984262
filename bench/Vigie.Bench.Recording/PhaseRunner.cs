using System.Globalization;

namespace Vigie.Bench.Recording;

/// <summary>
/// Runs one side for one phase against a running simulator: start, warm up, measure the window, end every
/// simulator session cleanly, let the side finish its files, stop it and count the frames it recorded.
/// </summary>
public static class PhaseRunner
{
    public static async Task<PhaseResult> RunAsync(IRecorderSide side, CamsimProcess simulator, int cameras, int run, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(options);
        await simulator.ResumeAsync().ConfigureAwait(false);
        Log($"{side.Name}, {cameras} cameras, run {run}: starting (load {ProcFs.LoadAverage()})");
        await side.StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        Log($"  measuring {options.Window.TotalSeconds:F0} s");
        var counting = options.KernelCounts
            ? KernelCounts.MeasureAsync(side.ProcessIds, options.Window, Path.Combine(options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"perf-{side.Name}-{cameras}-{run}.csv")), cancellationToken)
            : Task.FromResult<KernelCounts?>(null);
        var sample = await WindowSampler.MeasureAsync(side.ProcessIds, simulator.ProcessId, options.Window, cancellationToken).ConfigureAwait(false);
        var kernel = await counting.ConfigureAwait(false);
        var served = await simulator.EndSessionsAsync().ConfigureAwait(false);
        await side.FinishAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await side.CountFramesAsync(cancellationToken).ConfigureAwait(false);
        var result = new PhaseResult(side.Name, cameras, run, sample, served, recorded, ProcFs.LoadAverage().Split(' ')[0], kernel);
        Log(string.Create(CultureInfo.InvariantCulture,
            $"  {side.Name} N={cameras} run {run}: CPU {result.CpuPerCameraMinute:F3} s/camera-min ({result.CoreShare:P0} of a core, machine {sample.MachineBusy:P0} busy), " +
            $"RSS {sample.MedianRss / 1048576.0:F0} MiB (peak {sample.PeakRss / 1048576.0:F0}), PSS {sample.MedianPss / 1048576.0:F0} MiB, " +
            $"frames offered {result.Offered:N0} recorded {result.Frames:N0} lost {result.Lost:N0} (simulator skipped {result.SkippedBySimulator:N0}), " +
            $"{result.Sessions} sessions, {sample.ProcessesGone} processes gone, simulator {sample.SimulatorCpuSeconds / sample.Duration.TotalSeconds:P0} of a core, load {ProcFs.LoadAverage()}"));
        if (kernel is not null)
        {
            Log("  per camera-second: " + string.Join(", ", kernel.PerCameraSecond(cameras).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.PerCameraSecond:F2}"))));
        }

        side.Clean();
        return result;
    }

    public static void Log(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{TimeProvider.System.GetUtcNow():HH:mm:ss}Z] {message}"));
}
