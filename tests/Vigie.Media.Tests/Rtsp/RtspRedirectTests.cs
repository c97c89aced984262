using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

public sealed class RtspRedirectTests
{
    /// <summary>RFC 2326 §11.3.3: a 302 on DESCRIBE sends the client to Location, here GStreamer's server.</summary>
    [Fact]
    public async Task A_redirect_on_describe_is_followed_to_the_real_server()
    {
        await using var real = await GstRtspServerPeer.StartAsync();
        await using var redirector = new FakeRtspServer(async (peer, ct) =>
        {
            var options = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(options!, "200 OK", ct, headers: "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n");
            var describe = await peer.ReadRequestAsync(ct);
            await peer.ReplyAsync(describe!, "302 Moved Temporarily", ct, headers: $"Location: {real.Uri}\r\n");
        });

        var sink = new RecordingSink();
        var session = new RtspSession(new RtspClientOptions { Uri = redirector.Uri }, sink);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await sink.FirstPacket.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(real.Uri, session.PlayedUri);
        Assert.StartsWith("DESCRIBE ", redirector.Requests[^1], StringComparison.Ordinal);
    }
}
