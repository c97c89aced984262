using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Bench.Playback;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;
using Vigie.Media.Masks;

namespace Vigie.Bench.Evidence;

/// <summary>
/// Server-side masking's cost per camera: the source minute fed in real time (its frame rate) to a
/// <see cref="MaskedStream"/> as a camera's ingest would, for a window; the ffmpeg child's CPU time (user + system,
/// /proc) divided by the window is the cores one masked camera takes. The masked pictures coming back are counted.
/// </summary>
public static class MaskingBenchmark
{
    public static async Task<(double Cores, long Pictures)> RunAsync(EvidenceBenchOptions options, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (frames, parameters) = AnnexBSplitter.Split(await File.ReadAllBytesAsync(Path.Combine(options.Folder, "source.h264")).ConfigureAwait(false));
        var counter = new Counter();
        await using var masked = new MaskedStream("bench", [[new(0.1, 0.1), new(0.5, 0.15), new(0.45, 0.55), new(0.12, 0.5)]], new FfmpegRunner(NullLogger.Instance), TimeProvider.System, NullLogger.Instance);
        masked.FanOut.Subscribe(counter);
        var ticksPerFrame = AccessUnit.ClockRate / options.Fps;
        var start = TimeProvider.System.GetTimestamp();
        double? cpuAtStart = null;
        long index = 0;
        while (true)
        {
            var elapsed = TimeProvider.System.GetElapsedTime(start);
            // Five seconds to settle (the child starts, its first keyframe), then the window.
            if (cpuAtStart is null && elapsed > TimeSpan.FromSeconds(5) && masked.ProcessId is { } started)
            {
                cpuAtStart = CpuSeconds(started);
                counter.Reset();
            }

            if (elapsed > TimeSpan.FromSeconds(5) + window)
            {
                break;
            }

            var frame = frames[(int)(index % frames.Count)];
            var wall = DateTimeOffset.UnixEpoch + elapsed;
            var unit = AccessUnit.Copy(frame.Data, VideoCodec.H264, index * ticksPerFrame, frame.IsKeyframe, parameters, wall, wall);
            masked.OnAccessUnit(unit);
            unit.Release();
            index++;
            var due = TimeSpan.FromSeconds((double)index / options.Fps) - TimeProvider.System.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due).ConfigureAwait(false);
            }
        }

        var cpu = CpuSeconds(masked.ProcessId ?? throw new InvalidOperationException("the masking encoder is not running")) - (cpuAtStart ?? 0);
        return (cpu / window.TotalSeconds, counter.Pictures);
    }

    /// <summary>User + system CPU seconds of a process (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed class Counter : IAccessUnitSink
    {
        private long _pictures;

        public long Pictures => Interlocked.Read(ref _pictures);

        public void OnAccessUnit(AccessUnit unit) => Interlocked.Increment(ref _pictures);

        public void Reset() => Interlocked.Exchange(ref _pictures, 0);
    }
}
