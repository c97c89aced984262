namespace Vigie.Bench.Recording;

/// <summary>What one invocation measures. Defaults are the figures published in docs/benchmarks.md.</summary>
public sealed record BenchOptions
{
    /// <summary>Camera counts of the side-by-side comparison, in order.</summary>
    public IReadOnlyList<int> Cameras { get; init; } = [20, 50];

    /// <summary>Repetitions of each side at each camera count; Vigie and ffmpeg alternate.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Time after a side starts before measuring (start-up, JIT, first connections are not counted).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The measured window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Segment length of the ffmpeg side (Frigate records 10 s segments).</summary>
    public TimeSpan FfmpegSegment { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The built host, vigie.dll (run with `dotnet`).</summary>
    public required string VigieDll { get; init; }

    /// <summary>The build that runs `vigie camsim` (the simulator).</summary>
    public required string CamsimDll { get; init; }

    /// <summary>Source clip for the simulator; generated (720p25 test pattern) when null.</summary>
    public string? Source { get; init; }

    /// <summary>Folder holding the data folders, ffmpeg outputs and logs of the run.</summary>
    public required string WorkFolder { get; init; }

    public int SimulatorPort { get; init; } = 18554;

    public int HttpPort { get; init; } = 18080;

    /// <summary>Keep recordings afterwards (they take ≈ 15 MB per camera-minute).</summary>
    public bool Keep { get; init; }

    /// <summary>
    /// Also count system calls and context switches over the window with `perf stat` (root): figures that
    /// hardly depend on the machine's load, to compare builds on a shared machine.
    /// </summary>
    public bool KernelCounts { get; init; }

    /// <summary>
    /// Count and delete the host's complete segments as the run goes (every 10 s) instead of at the end: a
    /// 5-minute window at 1,000 cameras writes ≈ 80 GB. Frames are counted exactly as without it.
    /// </summary>
    public bool Discard { get; init; }
}
