using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Vigie.Alarms.Tests.Receiver;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>Keep-alive pacing (RFC 2326 §12.37) on a fake clock, against a scripted camera.</summary>
public sealed class RtspKeepAliveTests
{
    [Fact]
    public async Task Get_parameter_goes_out_in_the_last_quarter_before_half_the_session_timeout_with_the_session_id()
    {
        var time = new FakeTimeProvider();
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(sessionTimeoutSeconds: 10));
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan }, new RecordingSink(), time);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => session.State == RtspSessionState.Playing, run);
        Assert.Equal(TimeSpan.FromSeconds(10), session.SessionTimeout);

        // Spread over the last quarter of the interval (3.75–5 s) so that sessions started together do not
        // ask together: never earlier, never later.
        time.Advance(TimeSpan.FromSeconds(3.7));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Requests(camera), r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(1.3));
        await Until(() => Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) == 1);
        var keepAlive = Requests(camera).Single(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal));
        Assert.StartsWith("GET_PARAMETER rtsp://127.0.0.1/stream/ RTSP/1.0", keepAlive, StringComparison.Ordinal);
        Assert.Equal("abc", FakeRtspServer.Peer.Header(keepAlive, "Session"));

        // The next one is due 3.75–5 s after this one went out (at most 1.3 s ago): advance the fake clock in
        // steps so a slow machine cannot arm it after a single big jump has passed.
        var advanced = TimeSpan.Zero;
        while (Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) < 2 && advanced < TimeSpan.FromSeconds(10))
        {
            time.Advance(TimeSpan.FromSeconds(0.25));
            advanced += TimeSpan.FromSeconds(0.25);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Until(() => Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) == 2);
        Assert.InRange(advanced, TimeSpan.FromSeconds(2.45), TimeSpan.FromSeconds(5.25));

        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.StartsWith("TEARDOWN", Requests(camera)[^1], StringComparison.Ordinal);
        Assert.Equal(RtspSessionState.Stopped, session.State);
    }

    [Fact]
    public async Task A_camera_that_answers_a_keep_alive_late_while_its_video_comes_keeps_its_session_and_the_late_answer_is_not_taken_for_the_next()
    {
        var time = new FakeTimeProvider();
        var logger = new ListLogger<RtspSession>();
        string? unanswered = null;
        FakeRtspServer.Peer? media = null;
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(sessionTimeoutSeconds: 10, gate: async (peer, request, ct) =>
        {
            media = peer;
            if (!request.StartsWith("GET_PARAMETER", StringComparison.Ordinal))
            {
                return false;
            }

            if (unanswered is null)
            {
                unanswered = request; // busy: no answer for now
                return true;
            }

            // The second keep-alive: the first one's answer comes at last, then this one's.
            await peer.ReplyAsync(unanswered, "200 OK", ct, headers: "Session: abc\r\n");
            return false;
        }));
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = TimeSpan.FromSeconds(8) }, new RecordingSink(), time, logger);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => session.State == RtspSessionState.Playing, run);
        Assert.NotNull(media);

        // 16 s of video at 4 packets a second: the first keep-alive (≤ 5 s) waits its 5 s in vain, the second
        // (≤ 10 s + 5 s) is answered after the first's late answer.
        for (ushort i = 0; i < 64; i++)
        {
            time.Advance(TimeSpan.FromSeconds(0.25));
            await media.SendRtpAsync(i, TestContext.Current.CancellationToken);
            await Task.Delay(20, TestContext.Current.CancellationToken);
            Assert.False(run.IsCompleted, run.Exception?.InnerException?.Message ?? "the session ended");
        }

        Assert.Equal(RtspSessionState.Playing, session.State);
        Assert.True(Requests(camera).Count(r => r.StartsWith("GET_PARAMETER", StringComparison.Ordinal)) >= 3, string.Join(" | ", Requests(camera)));
        Assert.Single(logger.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("keep-alive GET_PARAMETER", StringComparison.Ordinal) && l.Contains("unanswered", StringComparison.Ordinal));
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_keep_alive_unanswered_while_the_video_has_stopped_ends_the_session()
    {
        var time = new FakeTimeProvider();
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(sessionTimeoutSeconds: 10, gate: (_, request, _) => Task.FromResult(request.StartsWith("GET_PARAMETER", StringComparison.Ordinal))));
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan }, new RecordingSink(), time);
        var run = session.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => session.State == RtspSessionState.Playing, run);
        for (var i = 0; i < 60 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(0.25));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<RtspException>(() => run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.True(error.IsTimeout);
        Assert.Contains("GET_PARAMETER", error.Message, StringComparison.Ordinal);
        Assert.Contains("no answer within 5 s", error.Message, StringComparison.Ordinal);
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
