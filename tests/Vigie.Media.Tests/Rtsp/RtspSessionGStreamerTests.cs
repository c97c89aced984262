using System.Diagnostics;
using Vigie.Media.Codecs;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>Against GStreamer's RTSP server (a real peer, not written by us): TCP interleaved and UDP, H.264 and H.265.</summary>
public sealed class RtspSessionGStreamerTests
{
    [Theory]
    [InlineData(RtspTransportMode.TcpInterleaved, "h264")]
    [InlineData(RtspTransportMode.TcpInterleaved, "h265")]
    [InlineData(RtspTransportMode.Udp, "h264")]
    [InlineData(RtspTransportMode.Udp, "h265")]
    public async Task Plays_continuous_rtp_with_sender_reports_and_tears_down(RtspTransportMode transport, string codec)
    {
        await using var server = await GstRtspServerPeer.StartAsync(codec);
        var sink = new RecordingSink();
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri, Transport = transport, UdpBindAddress = System.Net.IPAddress.Loopback }, sink);

        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await sink.FirstPacket.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var received = Stopwatch.StartNew();

        // At least 2 s of video, and long enough for the first RTCP sender report (RFC 3550 §6.2:
        // the first one goes out after about half the 5 s minimum interval, randomised).
        while (received.Elapsed < TimeSpan.FromSeconds(2) || (sink.Snapshot(0).SenderReports == 0 && received.Elapsed < TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(RtspSessionState.Playing, session.State);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var stats = sink.Snapshot(0);
        var track = Assert.Single(sink.Tracks);
        Assert.Equal(codec == "h264" ? VideoCodec.H264 : VideoCodec.H265, track.Codec);
        Assert.Equal(96, track.PayloadType);
        Assert.Equal(90_000, track.ClockRate);
        Assert.True(stats.Rtp > 50, $"only {stats.Rtp} RTP packets in {received.Elapsed}");
        Assert.Equal(0, stats.Gaps);
        Assert.Equal(0, stats.Malformed);
        Assert.Equal([96], stats.PayloadTypes);
        Assert.True(stats.SenderReports > 0, "no RTCP sender report arrived");
        Assert.Equal(RtspSessionState.Stopped, session.State);
        Assert.True(await server.WaitForLineAsync("TEARDOWN", TimeSpan.FromSeconds(5)), "the server saw no TEARDOWN");
    }

    [Fact]
    public async Task Sdp_gives_the_track_its_parameter_sets_and_an_absolute_control_url()
    {
        await using var server = await GstRtspServerPeer.StartAsync("h265");
        var sink = new RecordingSink();
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri }, sink);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await sink.FirstPacket.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var track = Assert.Single(session.Tracks);
        Assert.StartsWith(server.Uri.AbsoluteUri, track.ControlUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal((0, 1), track.Channels);
        Assert.True(track.Media.FormatParameters.ContainsKey("sprop-sps"), string.Join(";", track.Media.FormatParameters.Keys));
    }

    [Fact]
    public async Task A_wrong_path_fails_with_the_servers_404()
    {
        await using var server = await GstRtspServerPeer.StartAsync();
        var session = new RtspSession(new RtspClientOptions { Uri = new Uri(server.Uri, "/nothing-here") }, new RecordingSink());
        var error = await Assert.ThrowsAsync<RtspException>(() => session.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("DESCRIBE", error.Operation, StringComparison.Ordinal);
        Assert.Equal(RtspSessionState.Failed, session.State);
    }

    /// <summary>
    /// The server drops a session silent for its timeout (RFC 2326 §12.37); with a 3 s timeout and UDP
    /// (where the RTSP connection carries nothing else), only keep-alives keep the video coming past it.
    /// </summary>
    [Fact]
    public async Task Keep_alives_hold_a_udp_session_past_a_short_server_timeout()
    {
        await using var server = await GstRtspServerPeer.StartAsync(sessionTimeoutSeconds: 3);
        var sink = new RecordingSink();
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri, Transport = RtspTransportMode.Udp, ReceiveTimeout = TimeSpan.FromSeconds(2) }, sink);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await sink.FirstPacket.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(3), session.SessionTimeout);

        await Task.Delay(TimeSpan.FromSeconds(7), TestContext.Current.CancellationToken);
        var before = sink.Snapshot(0).Rtp;
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.False(run.IsCompleted, run.Exception?.ToString());
        Assert.True(sink.Snapshot(0).Rtp > before + 10, "video stopped: the session expired");
        Assert.True(server.Lines.Count(l => l == "GET_PARAMETER") >= 3, string.Join(" | ", server.Lines));
        Assert.DoesNotContain(server.Lines, l => l.StartsWith("SESSION-EXPIRED", StringComparison.Ordinal));
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
