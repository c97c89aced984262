using System.Diagnostics;

namespace Vigie.Bench.Recording;

/// <summary>Samples a fixed set of processes over a window: CPU time delta, memory once a second.</summary>
public static class WindowSampler
{
    public static async Task<WindowSample> MeasureAsync(IReadOnlyList<int> pids, int simulatorPid, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pids);
        var cpuStart = pids.Sum(p => ProcFs.CpuSeconds(p) ?? 0);
        var machineStart = ProcFs.MachineJiffies();
        var simulatorStart = ProcFs.CpuSeconds(simulatorPid) ?? 0;
        var clock = Stopwatch.StartNew();
        var rss = new List<long>();
        var pss = new List<long>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (clock.Elapsed < window && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            rss.Add(pids.Sum(p => ProcFs.ResidentBytes(p) ?? 0));
            pss.Add(pids.Sum(p => ProcFs.ProportionalBytes(p) ?? 0));
        }

        var cpuEnd = pids.Sum(p => ProcFs.CpuSeconds(p) ?? 0);
        var elapsed = clock.Elapsed;
        var machineEnd = ProcFs.MachineJiffies();
        var simulatorEnd = ProcFs.CpuSeconds(simulatorPid) ?? 0;
        var gone = pids.Count(p => ProcFs.CpuSeconds(p) is null);
        var busy = (machineEnd.Busy - machineStart.Busy) / (double)Math.Max(1, machineEnd.Total - machineStart.Total);
        return new WindowSample(elapsed, cpuEnd - cpuStart, Stats.Median(rss), rss.DefaultIfEmpty().Max(), Stats.Median(pss), pss.DefaultIfEmpty().Max(), busy, gone, simulatorEnd - simulatorStart);
    }
}
