using System.Globalization;
using System.Text;

namespace Vigie.Bench.Recording;

/// <summary>Markdown tables ready for docs/benchmarks.md.</summary>
public static class ReportTable
{
    private const double MiB = 1024 * 1024;

    public static string SideBySide(WindowSample? idle, IReadOnlyList<PhaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        if (idle is not null)
        {
            text.AppendLine(Invariant($"Vigie host idle (0 cameras): RSS {idle.MedianRss / MiB:F1} MiB, PSS {idle.MedianPss / MiB:F1} MiB, CPU {idle.CpuSeconds / idle.Duration.TotalSeconds:P1} of a core."));
            text.AppendLine();
        }

        text.AppendLine("| Cameras | Side | Runs | CPU-s per camera-minute, median (min – max) | Cores used (median) | RSS per camera: RSS/N (median) | RSS above idle per camera: (RSS−RSS₀)/N | PSS per camera | Peak RSS (max) | Frames offered | Recorded | Lost | Skipped by simulator |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var idleRss = idle?.MedianRss ?? 0;
        foreach (var group in results.GroupBy(r => (r.Cameras, r.Side)))
        {
            var runs = group.ToList();
            var cpu = runs.Select(r => r.CpuPerCameraMinute).ToList();
            var n = group.Key.Cameras;
            var rss = Stats.Median(runs.Select(r => (double)r.Sample.MedianRss));
            var pss = Stats.Median(runs.Select(r => (double)r.Sample.MedianPss));
            var aboveIdle = group.Key.Side == "Vigie" ? Invariant($"{(rss - idleRss) / n / MiB:F2} MiB") : "–";
            text.AppendLine(Invariant(
                $"| {n} | {group.Key.Side} | {runs.Count} | {Stats.Median(cpu):F3} ({cpu.Min():F3} – {cpu.Max():F3}) | {Stats.Median(runs.Select(r => r.CoreShare)):F2} | {rss / n / MiB:F2} MiB | {aboveIdle} | {pss / n / MiB:F2} MiB | {runs.Max(r => r.Sample.PeakRss) / MiB:F0} MiB | {runs.Sum(r => r.Offered):N0} | {runs.Sum(r => r.Frames):N0} | {runs.Sum(r => r.Lost):N0} | {runs.Sum(r => r.SkippedBySimulator):N0} |"));
        }

        text.AppendLine();
        text.AppendLine("| Cameras | CPU Vigie / ffmpeg | Memory Vigie RSS/N / ffmpeg PSS/N | Memory Vigie RSS/N / ffmpeg RSS/N | Memory Vigie (RSS−RSS₀)/N / ffmpeg PSS/N |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in results.GroupBy(r => r.Cameras))
        {
            var vigie = group.Where(r => r.Side == "Vigie").ToList();
            var ffmpeg = group.Where(r => r.Side == "ffmpeg").ToList();
            if (vigie.Count == 0 || ffmpeg.Count == 0)
            {
                continue;
            }

            var vigieRss = Stats.Median(vigie.Select(r => (double)r.Sample.MedianRss));
            var ffmpegRss = Stats.Median(ffmpeg.Select(r => (double)r.Sample.MedianRss));
            var ffmpegPss = Stats.Median(ffmpeg.Select(r => (double)r.Sample.MedianPss));
            text.AppendLine(Invariant(
                $"| {group.Key} | {Stats.Median(vigie.Select(r => r.CpuPerCameraMinute)) / Stats.Median(ffmpeg.Select(r => r.CpuPerCameraMinute)):F2}× | {vigieRss / ffmpegPss:F2}× | {vigieRss / ffmpegRss:F2}× | {(vigieRss - idleRss) / ffmpegPss:F2}× |"));
        }

        text.AppendLine();
        text.AppendLine(StreamCheck(results));
        text.Append(Kernel(results));
        return text.ToString();
    }

    /// <summary>With --kernel-counts: the medians per camera-second of each side's system calls and context switches.</summary>
    public static string Kernel(IReadOnlyList<PhaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var counted = results.Where(r => r.Kernel is not null).ToList();
        if (counted.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Kernel work per camera-second (perf stat over the window; median of the runs):");
        text.AppendLine();
        text.AppendLine("| Cameras | Side | " + string.Join(" | ", KernelCounts.Counted.Select(c => c.Name)) + " |");
        text.AppendLine("| ---: | --- | " + string.Join(" | ", KernelCounts.Counted.Select(_ => "---:")) + " |");
        foreach (var group in counted.GroupBy(r => (r.Cameras, r.Side)))
        {
            var cells = KernelCounts.Counted.Select(c => Stats.Median(group.Select(r => r.Kernel!.Events.GetValueOrDefault(c.Name) / Math.Max(1, r.Cameras) / r.Kernel.Duration.TotalSeconds)));
            text.AppendLine(Invariant($"| {group.Key.Cameras} | {group.Key.Side} | ") + string.Join(" | ", cells.Select(v => v.ToString("F2", CultureInfo.InvariantCulture))) + " |");
        }

        return text.ToString();
    }

    public static string Max(IReadOnlyList<PhaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("| Cameras | Window | Frames offered | Recorded | Lost (cameras) | Skipped by simulator | Vigie cores used | CPU-s per camera-minute | RSS (median / peak) | Machine busy | Simulator cores | Load at end | Verdict |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var r in results)
        {
            var verdict = r.Lost == 0 && r.Sample.ProcessesGone == 0 ? "no frame lost" : "frames lost";
            text.AppendLine(Invariant(
                $"| {r.Cameras} | {r.Sample.Duration.TotalSeconds:F0} s | {r.Offered:N0} | {r.Frames:N0} | {r.Lost:N0} ({r.CamerasLosing}) | {r.SkippedBySimulator:N0} | {r.CoreShare:F2} | {r.CpuPerCameraMinute:F3} | {r.Sample.MedianRss / MiB:F0} / {r.Sample.PeakRss / MiB:F0} MiB | {r.Sample.MachineBusy:P0} | {r.Sample.SimulatorCpuSeconds / r.Sample.Duration.TotalSeconds:F2} | {r.LoadAtEnd} | {verdict} |"));
        }

        text.AppendLine();
        text.AppendLine(StreamCheck(results));
        text.Append(Kernel(results));
        return text.ToString();
    }

    /// <summary>What Vigie recorded, as a check that the simulator served 720p, ~2 Mbit/s, 25 fps, 1 s GOP.</summary>
    private static string StreamCheck(IReadOnlyList<PhaseResult> results)
    {
        var recorded = results.Where(r => r.Side == "Vigie").SelectMany(r => r.Recorded).Where(c => c.Seconds > 0 && c.Keyframes > 0).ToList();
        if (recorded.Count == 0)
        {
            return "Stream as recorded by Vigie: nothing recorded.";
        }

        var seconds = recorded.Sum(c => c.Seconds);
        var resolutions = string.Join(", ", recorded.Select(c => c.Resolution).Distinct());
        return Invariant(
            $"Stream as recorded by Vigie: {resolutions}, {recorded.Sum(c => c.Frames) / seconds:F2} fps, {recorded.Sum(c => c.Bytes) * 8 / seconds / 1e6:F2} Mbit/s (file bytes), keyframe every {seconds / recorded.Sum(c => c.Keyframes):F2} s, over {seconds / 60:F0} camera-minutes.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
