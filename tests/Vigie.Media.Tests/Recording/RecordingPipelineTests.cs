using Vigie.Media.Rtsp;
using Vigie.Media.Tests.Mp4;
using Vigie.Media.Tests.Rtsp;

namespace Vigie.Media.Tests.Recording;

[Collection(RealTimePeers.Name)]
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

    [Theory]
    [InlineData("h264", RtspTransportMode.TcpInterleaved)]
    [InlineData("h264", RtspTransportMode.Udp)]
    [InlineData("h265", RtspTransportMode.TcpInterleaved)]
    [InlineData("h265", RtspTransportMode.Udp)]
    public async Task A_b_frame_camera_is_recorded_at_its_frame_rate_in_its_presentation_order_and_decodes_without_a_warning(string codec, RtspTransportMode transport)
    {
        await using var camera = await GstRtspServerPeer.StartAsync(codec, bFrames: 2);
        var run = await RecordingRun.RecordAsync(camera.Uri, transport, TimeSpan.FromSeconds(codec == "h265" ? 14 : 10), TimeSpan.FromSeconds(4), Ct);

        Assert.True((run.LostPackets, run.DroppedFrames) == (0L, 0L),
            $"{run.LostPackets} packets lost, {run.DroppedFrames} frames dropped (last: {run.Statistics?.LastDropReason}), {run.Statistics?.DuplicateOrLatePackets} duplicate or late");
        Assert.Contains(run.Presentation.Zip(run.Presentation.Skip(1)), pair => pair.Second < pair.First); // the camera did send B-frames
        // Every frame the camera captured (25 fps) over the wall time its sender reports date, within 1 %.
        // (Arrival times would not do: a loaded x265 falls behind, then sends its backlog in a burst.)
        // Counted inside a window half a second clear of both ends: the first report can date a reference
        // after frames it precedes in presentation, and the stop cuts the last reordered group short.
        var from = run.CameraClock.Min(c => c.At).AddSeconds(0.5);
        var to = run.CameraClock.Max(c => c.At).AddSeconds(-0.5);
        var frames = run.CameraClock.Count(c => c.At >= from && c.At <= to);
        var expected = (to - from).TotalSeconds * 25; // a closed window of L seconds holds 25·L frames, or one more
        Assert.True(frames > 100, $"{frames} frames dated by the camera's clock");
        Assert.InRange(frames, expected * 0.99, (expected * 1.01) + 1);
        Assert.True(run.Segments.Count >= 2, $"{run.Segments.Count} segments");
        var delivered = 0;
        foreach (var segment in run.Segments)
        {
            var probe = await SegmentProbe.ProbeAsync(segment.FullPath, Ct);
            Assert.Equal(segment.Frames, probe.Frames);
            // The last segment's end is ambiguous: the stop cuts a reordered group short, and the B-frames
            // its last reference announced never arrive (at most the reorder depth, two frames here).
            var last = segment == run.Segments[^1];
            Assert.InRange(probe.Duration, (segment.Frames - 1) * FrameSeconds, (segment.Frames + 1 + (last ? 2 : 0)) * FrameSeconds);
            if (!last)
            {
                // The index's span is the file's.
                Assert.InRange((segment.EndsAt - segment.StartsAt).TotalSeconds, probe.Duration - FrameSeconds, probe.Duration + FrameSeconds);
            }

            Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(segment.FullPath));

            // The presentation times in the file are the ones the encoder put in the RTP timestamps.
            var sent = run.Presentation.Skip(delivered).Take(segment.Frames).ToList();
            var recorded = await FfprobeReport.PacketPresentationTimesAsync(segment.FullPath);
            Assert.Equal(sent.Select(t => t - sent[0]), recorded.Select(t => t - recorded[0]));
            delivered += segment.Frames;
        }

        Assert.Equal(run.FramesDelivered, delivered);
        Directory.Delete(run.Folder, recursive: true);
    }
}
