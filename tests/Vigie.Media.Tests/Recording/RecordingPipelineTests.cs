using Vigie.Media.Rtsp;
using Vigie.Media.Tests.Rtsp;

namespace Vigie.Media.Tests.Recording;

public sealed class RecordingPipelineTests
{
    private const double FrameSeconds = 1 / 25.0;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("h264", RtspTransportMode.TcpInterleaved)]
    [InlineData("h264", RtspTransportMode.Udp)]
    [InlineData("h265", RtspTransportMode.TcpInterleaved)]
    [InlineData("h265", RtspTransportMode.Udp)]
    public async Task Recording_from_GStreamer_gives_segments_that_ffprobe_accepts_with_no_frame_lost(string codec, RtspTransportMode transport)
    {
        await using var camera = await GstRtspServerPeer.StartAsync(codec);
        // x265 can take seconds to start on a busy machine: H.265 gets more time to fill two segments.
        var length = TimeSpan.FromSeconds(codec == "h265" ? 12 : 7);
        var run = await RecordingRun.RecordAsync(camera.Uri, transport, length, TimeSpan.FromSeconds(2), Ct);

        Assert.Equal(0, run.LostPackets);
        Assert.Equal(0, run.DroppedFrames);
        Assert.True(run.Segments.Count >= 2, $"{run.Segments.Count} segments");
        var probedFrames = 0;
        foreach (var segment in run.Segments)
        {
            var probe = await SegmentProbe.ProbeAsync(segment.FullPath, Ct);
            Assert.Equal(codec == "h264" ? "h264" : "hevc", probe.Codec);
            Assert.Equal((segment.Width, segment.Height), (probe.Width, probe.Height));
            Assert.Equal(segment.Frames, probe.Frames);
            Assert.InRange(probe.Duration, (segment.EndsAt - segment.StartsAt).TotalSeconds - FrameSeconds, (segment.EndsAt - segment.StartsAt).TotalSeconds + FrameSeconds + 0.001);
            Assert.False(File.Exists(segment.FullPath + ".part"));
            probedFrames += probe.Frames;
        }

        Assert.Equal(run.FramesDelivered, probedFrames);
        Directory.Delete(run.Folder, recursive: true);
    }
}
