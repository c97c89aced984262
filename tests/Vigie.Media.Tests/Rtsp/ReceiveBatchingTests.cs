using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>
/// The receive tick (decision 0017) on a fake clock: a camera nobody watches is read only at the tick, a
/// watched one at once, and batching resumes when the last viewer leaves. The clock never moves unless the
/// test moves it, so "delivered without advancing it" means "without waiting for the batch window".
/// </summary>
public sealed class ReceiveBatchingTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_watched_camera_is_read_at_once_and_batching_resumes_when_the_last_viewer_leaves()
    {
        var time = new FakeTimeProvider();
        var played = new TaskCompletionSource<FakeRtspServer.Peer>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(60, async (peer, request, ct) =>
        {
            if (!request.StartsWith("PLAY", StringComparison.Ordinal))
            {
                return false;
            }

            await peer.ReplyAsync(request, "200 OK", ct, headers: "Session: abc\r\n");
            played.TrySetResult(peer);
            return true;
        }));
        var sink = new RecordingSink { Delivery = new ImmediateDelivery() };
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan, ReceiveBatching = Tick }, sink, time);
        var run = session.StartAsync(Ct);
        var peer = await played.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        ushort sequence = 0;

        // The first second after PLAY is read at once.
        await peer.SendRtpAsync(sequence++, Ct);
        await UntilDeliveredAsync(sink, 1, run);

        // Then batching starts: the read in progress delivers its packet, the loop then sleeps until the tick.
        time.Advance(TimeSpan.FromSeconds(1));
        await peer.SendRtpAsync(sequence++, Ct);
        await UntilDeliveredAsync(sink, 2, run);
        await peer.SendRtpAsync(sequence++, Ct);
        await NotDeliveredAsync(sink, 2);
        time.Advance(Tick);
        await UntilDeliveredAsync(sink, 3, run);

        // A viewer arrives: what is queued is read at once, and every new packet too, the clock standing still.
        await peer.SendRtpAsync(sequence++, Ct);
        await NotDeliveredAsync(sink, 3);
        var viewer = sink.Delivery.Request();
        await UntilDeliveredAsync(sink, 4, run);
        for (var i = 5; i <= 8; i++)
        {
            await peer.SendRtpAsync(sequence++, Ct);
            await UntilDeliveredAsync(sink, i, run);
        }

        // A second viewer, then both leave: the read in progress delivers its packet, then the tick rules again.
        var second = sink.Delivery.Request();
        viewer.Dispose();
        await peer.SendRtpAsync(sequence++, Ct);
        await UntilDeliveredAsync(sink, 9, run);
        second.Dispose();
        await peer.SendRtpAsync(sequence++, Ct);
        await UntilDeliveredAsync(sink, 10, run);
        await peer.SendRtpAsync(sequence++, Ct);
        await NotDeliveredAsync(sink, 10);
        time.Advance(Tick);
        await UntilDeliveredAsync(sink, 11, run);

        // Nothing lost or reordered across the switches; and a request still gets its answer while batched.
        Assert.Equal(0, sink.Snapshot(0).Gaps);
        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(RtspSessionState.Stopped, session.State);
        Assert.StartsWith("TEARDOWN", camera.Requests[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_batching_every_packet_is_read_at_once()
    {
        var time = new FakeTimeProvider();
        var played = new TaskCompletionSource<FakeRtspServer.Peer>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var camera = new FakeRtspServer(ScriptedCamera.Serve(60, async (peer, request, ct) =>
        {
            if (!request.StartsWith("PLAY", StringComparison.Ordinal))
            {
                return false;
            }

            await peer.ReplyAsync(request, "200 OK", ct, headers: "Session: abc\r\n");
            played.TrySetResult(peer);
            return true;
        }));
        var sink = new RecordingSink();
        var session = new RtspSession(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan, ReceiveBatching = TimeSpan.Zero }, sink, time);
        var run = session.StartAsync(Ct);
        var peer = await played.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        for (ushort i = 0; i < 5; i++)
        {
            await peer.SendRtpAsync(i, Ct);
            await UntilDeliveredAsync(sink, i + 1, run);
        }

        await session.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private static async Task UntilDeliveredAsync(RecordingSink sink, int count, Task run)
    {
        var clock = Stopwatch.StartNew();
        while (sink.Snapshot(0).Rtp < count)
        {
            if (run.IsCompleted)
            {
                await run;
                Assert.Fail("the session ended");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"packet {count} not delivered ({sink.Snapshot(0).Rtp} so far)");
            await Task.Delay(5, Ct);
        }
    }

    /// <summary>Real time passes (half a second, five batch windows) but not the session's clock: nothing more may come.</summary>
    private static async Task NotDeliveredAsync(RecordingSink sink, int count)
    {
        await Task.Delay(500, Ct);
        Assert.Equal(count, sink.Snapshot(0).Rtp);
    }
}
