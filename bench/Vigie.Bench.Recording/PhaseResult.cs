namespace Vigie.Bench.Recording;

/// <summary>One side recording N cameras once: resources over the window, frames served and recorded per camera.</summary>
public sealed record PhaseResult(string Side, int Cameras, int Run, WindowSample Sample, IReadOnlyList<ServedCount> Served, IReadOnlyList<CameraFrames> Recorded, string LoadAtEnd, KernelCounts? Kernel = null)
{
    /// <summary>CPU seconds per camera per minute of recording.</summary>
    public double CpuPerCameraMinute => Sample.CpuSeconds / Math.Max(1, Cameras) / Sample.Duration.TotalMinutes;

    /// <summary>Share of one core used over the window.</summary>
    public double CoreShare => Sample.CpuSeconds / Sample.Duration.TotalSeconds;

    public long Offered => Served.Sum(s => s.Offered);

    public long SkippedBySimulator => Served.Sum(s => s.Skipped);

    public long Frames => Recorded.Sum(r => r.Frames);

    /// <summary>Frames offered to a camera's sessions but not in its recording, summed over cameras (a surplus never offsets a loss).</summary>
    public long Lost => Enumerable.Range(1, Cameras).Sum(c => Math.Max(0, Served.Where(s => s.Camera == c).Sum(s => s.Offered) - Recorded.Where(r => r.Camera == c).Sum(r => r.Frames)));

    /// <summary>Cameras whose recording holds more frames than they were offered (would mean the count is wrong).</summary>
    public int CamerasWithSurplus => Enumerable.Range(1, Cameras).Count(c => Recorded.Where(r => r.Camera == c).Sum(r => r.Frames) > Served.Where(s => s.Camera == c).Sum(s => s.Offered));

    public int Sessions => Served.Count;

    public int CamerasLosing => Enumerable.Range(1, Cameras).Count(c => Served.Where(s => s.Camera == c).Sum(s => s.Offered) > Recorded.Where(r => r.Camera == c).Sum(r => r.Frames));
}
