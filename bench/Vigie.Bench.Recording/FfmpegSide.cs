using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Vigie.Bench.Recording;

/// <summary>
/// The usual NVR way (Frigate and most open NVRs): one ffmpeg process per camera remuxing RTSP over TCP
/// into segments, with Frigate's segment arguments (`-f segment -segment_time 10 -segment_format mp4
/// -reset_timestamps 1 -strftime 1 -c copy`). Each process ends by itself when the simulator ends its
/// session, writing the last segment's index.
/// </summary>
public sealed class FfmpegSide(BenchOptions options, CamsimProcess simulator, int cameras, string folder) : IRecorderSide
{
    private readonly List<ChildProcess> _processes = [];

    public string Name => "ffmpeg";

    public IReadOnlyList<int> ProcessIds => _processes.Select(p => p.Id).ToList();

    public static IReadOnlyList<string> Arguments(string url, TimeSpan segment, string outputPattern) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "error",
        "-rtsp_transport", "tcp", "-i", url,
        "-c", "copy", "-f", "segment", "-segment_time", segment.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "-segment_format", "mp4", "-reset_timestamps", "1", "-strftime", "1", outputPattern,
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        for (var i = 1; i <= cameras; i++)
        {
            var output = CameraFolder(i);
            Directory.CreateDirectory(output);
            _processes.Add(ChildProcess.Start("ffmpeg", Arguments(simulator.UrlOf(i), options.FfmpegSegment, Path.Combine(output, "%Y%m%d-%H%M%S.mp4")),
                Path.Combine(output, "ffmpeg.log")));
        }

        return Task.CompletedTask;
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_processes.Select(p => p.WaitForExitAsync(TimeSpan.FromMinutes(1)))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CameraFrames>> CountFramesAsync(CancellationToken cancellationToken)
    {
        var counts = new ConcurrentBag<CameraFrames>();
        await Parallel.ForEachAsync(Enumerable.Range(1, cameras), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (camera, token) =>
        {
            long frames = 0, bytes = 0;
            double seconds = 0;
            var files = 0;
            foreach (var file in Directory.EnumerateFiles(CameraFolder(camera), "*.mp4").Order())
            {
                var (packets, duration) = await ProbeAsync(file, token).ConfigureAwait(false);
                frames += packets;
                seconds += duration;
                bytes += new FileInfo(file).Length;
                files++;
            }

            counts.Add(new CameraFrames(camera, frames, 0, bytes, seconds, files, 0));
        }).ConfigureAwait(false);
        return counts.OrderBy(c => c.Camera).ToList();
    }

    public void Clean()
    {
        if (!options.Keep && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string CameraFolder(int camera) => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"cam{camera}"));

    /// <summary>Video packets (one per frame) and duration of a finished segment, read by ffprobe.</summary>
    private static async Task<(long Packets, double Seconds)> ProbeAsync(string file, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=nb_read_packets:format=duration", "-of", "default=noprint_wrappers=1", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var probe = Process.Start(info) ?? throw new InvalidOperationException("ffprobe did not start.");
        var error = probe.StandardError.ReadToEndAsync(cancellationToken);
        var output = await probe.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        _ = await error.ConfigureAwait(false);
        long packets = 0;
        double seconds = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("nb_read_packets=", StringComparison.Ordinal))
            {
                _ = long.TryParse(line["nb_read_packets=".Length..], CultureInfo.InvariantCulture, out packets);
            }
            else if (line.StartsWith("duration=", StringComparison.Ordinal))
            {
                _ = double.TryParse(line["duration=".Length..], CultureInfo.InvariantCulture, out seconds);
            }
        }

        return (packets, seconds);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
