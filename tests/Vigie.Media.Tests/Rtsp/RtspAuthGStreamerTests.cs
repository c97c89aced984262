using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>Basic (RFC 2617 §2) and Digest (§3) against GStreamer's RTSPAuth.</summary>
public sealed class RtspAuthGStreamerTests
{
    [Theory]
    [InlineData("basic")]
    [InlineData("digest")]
    public async Task The_right_password_plays(string method)
    {
        await using var server = await GstRtspServerPeer.StartAsync(auth: "viewer:s3cret!", authMethod: method);
        var sink = new RecordingSink();
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri, UserName = "viewer", Password = "s3cret!" }, sink);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await sink.FirstPacket.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(sink.Snapshot(0).Rtp > 0);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("digest")]
    public async Task Credentials_in_the_url_work_and_never_reach_the_request_line_or_errors(string method)
    {
        await using var server = await GstRtspServerPeer.StartAsync(auth: "viewer:p@ss", authMethod: method);
        var sink = new RecordingSink();
        var uri = new Uri($"rtsp://viewer:p%40ss@127.0.0.1:{server.Port}/test");
        var session = new RtspSession(new RtspClientOptions { Uri = uri }, sink);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await sink.FirstPacket.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("p%40ss", session.PlayedUri!.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("viewer", Assert.Single(session.Tracks).ControlUri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("digest")]
    public async Task A_wrong_password_fails_with_a_clear_401(string method)
    {
        await using var server = await GstRtspServerPeer.StartAsync(auth: "viewer:s3cret!", authMethod: method);
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri, UserName = "viewer", Password = "wrong-one" }, new RecordingSink());
        var error = await Assert.ThrowsAsync<RtspException>(() => session.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-one", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credentials_for_a_protected_stream_fails_with_401()
    {
        await using var server = await GstRtspServerPeer.StartAsync(auth: "viewer:s3cret!", authMethod: "digest");
        var session = new RtspSession(new RtspClientOptions { Uri = server.Uri }, new RecordingSink());
        var error = await Assert.ThrowsAsync<RtspException>(() => session.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(401, error.StatusCode);
    }
}
