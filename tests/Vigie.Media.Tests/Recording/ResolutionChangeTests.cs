using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Rtsp;
using Vigie.Media.Simulator;

namespace Vigie.Media.Tests.Recording;

public sealed class ResolutionChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_that_changes_resolution_mid_stream_is_recorded_into_segments_with_their_own_init_that_ffprobe_accepts()
    {
        // A camera that switches between 640x360 and 1280x720 every 2 s (new SPS/PPS in band at the switch).
        var encoder = new SourceEncoder(new FfmpegRunner(NullLogger.Instance), Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder);
        var small = await encoder.SyntheticAsync("testsrc2", 640, 360, 25, TimeSpan.FromSeconds(2), "1M", Ct);
        var large = await encoder.SyntheticAsync("testsrc2", 1280, 720, 25, TimeSpan.FromSeconds(2), "2M", Ct);
        var switching = new SimulatorSource("switching", [.. small.Units, .. large.Units], 25);
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 1, Port = 0, Clips = [switching], CacheFolder = Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);

        var run = await RecordingRun.RecordAsync(new Uri(simulator.UrlOf(1)), RtspTransportMode.TcpInterleaved, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(0, run.LostPackets);
        Assert.Equal(0, run.DroppedFrames);
        Assert.True(run.Statistics!.ParameterSetChanges >= 3, $"{run.Statistics.ParameterSetChanges} parameter set changes");
        // Segments of 60 s, yet one per resolution run: every change started a new file with a new init.
        Assert.True(run.Segments.Count >= 4, $"{run.Segments.Count} segments");
        var sizes = new List<(int, int)>();
        var frames = 0;
        foreach (var segment in run.Segments)
        {
            var probe = await SegmentProbe.ProbeAsync(segment.FullPath, Ct);
            Assert.Equal((segment.Width, segment.Height), (probe.Width, probe.Height));
            Assert.Equal(segment.Frames, probe.Frames);
            sizes.Add((probe.Width, probe.Height));
            frames += probe.Frames;
        }

        Assert.Contains((640, 360), sizes);
        Assert.Contains((1280, 720), sizes);
        Assert.All(sizes.Zip(sizes.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(run.FramesDelivered, frames);
        Directory.Delete(run.Folder, recursive: true);
    }
}
