namespace Vigie.Bench.Recording;

/// <summary>
/// What a set of processes used over the measured window: CPU seconds (utime + stime, summed over the
/// processes), resident and proportional memory (summed over the processes, one sample a second), and the
/// machine's busy share and the simulator's CPU (not counted for either side) over the same window.
/// </summary>
public sealed record WindowSample(TimeSpan Duration, double CpuSeconds, long MedianRss, long PeakRss, long MedianPss, long PeakPss, double MachineBusy, int ProcessesGone, double SimulatorCpuSeconds);
