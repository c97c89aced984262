using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Rtp;
using Vigie.Media.Rtsp;
using Vigie.Media.Simulator;
using Vigie.Media.Tests.Recording;

namespace Vigie.Media.Tests.Simulator;

/// <summary>A simulated camera that slips hostile RTP between its frames, read by Vigie's whole ingest.</summary>
public sealed class FaultyCameraTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RtspTransportMode.TcpInterleaved)]
    [InlineData(RtspTransportMode.Udp)]
    public async Task Hostile_packets_are_counted_and_dropped_and_the_real_frames_still_make_valid_segments(RtspTransportMode transport)
    {
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 3, Port = 0, LiveClock = false, Faulty = new HashSet<int> { 3 }, CacheFolder = Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);

        // 25 fps, a fault every 3 frames, a 9 MiB NAL unit every 40 faults: 8 s see them all.
        var run = await RecordingRun.RecordAsync(new Uri(simulator.UrlOf(3)), transport, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(2), Ct);

        var stats = run.Statistics!;
        Assert.True(stats.MalformedPackets > 0, "no malformed packet counted");
        Assert.True(stats.WrongPayloadTypePackets > 0, "no packet of another payload type counted");
        Assert.True(stats.DroppedFor(FrameDropReason.FragmentWithoutEnd) > 0, "the unfinished FU-A was not dropped");
        Assert.True(stats.DroppedFor(FrameDropReason.FragmentWithoutStart) > 0, "the FU-A end without start was not dropped");
        Assert.True(stats.DroppedFor(FrameDropReason.FrameTooLarge) > 0, "the 9 MiB NAL unit was not refused");
        // Hostile packets take their own frames, never a real one: 25 fps for ~8 s, minus start-up.
        Assert.True(run.FramesDelivered >= 150, $"only {run.FramesDelivered} real frames recorded");
        Assert.NotEmpty(run.Segments);
        foreach (var segment in run.Segments)
        {
            var probe = await SegmentProbe.ProbeAsync(segment.FullPath, Ct);
            Assert.Equal((1280, 720), (probe.Width, probe.Height));
            Assert.Equal(segment.Frames, probe.Frames);
        }

        Directory.Delete(run.Folder, recursive: true);
    }
}
