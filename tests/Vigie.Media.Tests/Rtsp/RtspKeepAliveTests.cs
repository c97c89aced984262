using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>Keep-alive pacing (RFC 2326 §12.37) on a fake clock, against a scripted camera.</summary>
public sealed class RtspKeepAliveTests
{
    [Fact]
    public async Task Get_parameter_goes_out_at_half_the_session_timeout_with_the_session_id()
    {
        var time = new FakeTimeProvider();
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(sessionTimeoutSeconds: 10));
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan }, new RecordingSink(), time);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => session.State == RtspSessionState.Playing, run);
        Assert.Equal(TimeSpan.FromSeconds(10), session.SessionTimeout);

        time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Requests(camera), r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromSeconds(0.1));
        await Until(() => Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) == 1);
        var keepAlive = Requests(camera).Single(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal));
        Assert.StartsWith("GET_PARAMETER rtsp://127.0.0.1/stream/ RTSP/1.0", keepAlive, StringComparison.Ordinal);
        Assert.Equal("abc", FakeRtspServer.Peer.Header(keepAlive, "Session"));

        // The next keep-alive is armed once the camera's answer to this one is read, on real time: advance
        // the fake clock in steps so a slow machine cannot arm it after a single big jump has passed.
        var advanced = TimeSpan.Zero;
        while (Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) < 2 && advanced < TimeSpan.FromSeconds(10))
        {
            time.Advance(TimeSpan.FromSeconds(0.25));
            advanced += TimeSpan.FromSeconds(0.25);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Until(() => Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) == 2);
        Assert.InRange(advanced, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.StartsWith("TEARDOWN", Requests(camera)[^1], StringComparison.Ordinal);
        Assert.Equal(RtspSessionState.Stopped, session.State);
    }

    [Fact]
    public async Task Without_a_timeout_in_the_session_header_the_60_second_default_applies()
    {
        var time = new FakeTimeProvider();
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(sessionTimeoutSeconds: 0));
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan }, new RecordingSink(), time);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => session.State == RtspSessionState.Playing, run);
        Assert.Equal(TimeSpan.FromSeconds(60), session.SessionTimeout);
        time.Advance(TimeSpan.FromSeconds(30));
        await Until(() => Requests(camera).Any(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)));
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Silence_after_play_fails_the_session_at_the_receive_timeout()
    {
        var time = new FakeTimeProvider();
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(sessionTimeoutSeconds: 60));
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = TimeSpan.FromSeconds(8) }, new RecordingSink(), time);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => session.State == RtspSessionState.Playing, run);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<RtspException>(() => run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.True(error.IsTimeout);
        Assert.Contains("no RTP packet", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Requests(FakeRtspServer camera)
    {
        lock (camera.Requests)
        {
            return [.. camera.Requests];
        }
    }

    /// <summary>Real-time wait for the client's sockets to catch up with the fake clock; bounded.</summary>
    private static async Task Until(Func<bool> condition, Task? run = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (run is { IsCompleted: true })
            {
                // Surface why the session ended instead of a bare timeout.
                await run;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "condition not met within 5 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
