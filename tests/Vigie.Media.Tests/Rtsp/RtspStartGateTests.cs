using System.Diagnostics;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>Sessions sharing a start gate handshake a few at a time (a large wall starting), against scripted cameras.</summary>
public sealed class RtspStartGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_waits_at_the_gate_until_the_one_ahead_plays_and_a_session_that_fails_lets_the_next_one_through()
    {
        var firstPlay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = 0;
        await using var camera = new FakeRtspServer(async (peer, ct) =>
        {
            var connection = Interlocked.Increment(ref connections);
            await ScriptedCamera.Serve(sessionTimeoutSeconds: 60, gate: async (p, request, token) =>
            {
                if (connection == 1 && request.StartsWith("PLAY", StringComparison.Ordinal))
                {
                    await firstPlay.Task.WaitAsync(token); // the first camera is slow to answer PLAY
                }
                else if (connection == 3 && request.StartsWith("DESCRIBE", StringComparison.Ordinal))
                {
                    await p.ReplyAsync(request, "404 Not Found", token); // the third one is misconfigured
                    return true;
                }

                return false;
            })(peer, ct);
        });
        using var gate = new SemaphoreSlim(1);
        RtspSession Session() => new(new RtspClientOptions { Uri = camera.Uri, ReceiveTimeout = Timeout.InfiniteTimeSpan, StartGate = gate }, new RecordingSink());

        var first = Session();
        var firstRun = first.StartAsync(Ct);
        await Until(() => Volatile.Read(ref connections) == 1);
        var second = Session();
        var secondRun = second.StartAsync(Ct);
        await Task.Delay(300, Ct);
        Assert.Equal(1, Volatile.Read(ref connections)); // waiting its turn: not even connected
        Assert.Equal(RtspSessionState.Connecting, second.State);

        firstPlay.SetResult();
        await Until(() => second.State == RtspSessionState.Playing);
        Assert.Equal(RtspSessionState.Playing, first.State);

        // The gate is free again once the second plays: a third session fails at DESCRIBE, and a fourth gets through.
        var third = Session();
        var thirdError = await Assert.ThrowsAsync<RtspException>(() => third.StartAsync(Ct));
        Assert.Contains("404", thirdError.Message, StringComparison.Ordinal);
        var fourth = Session();
        var fourthRun = fourth.StartAsync(Ct);
        await Until(() => fourth.State == RtspSessionState.Playing);
        Assert.Equal(1, gate.CurrentCount);

        foreach (var (session, run) in new[] { (first, firstRun), (second, secondRun), (fourth, fourthRun) })
        {
            await session.StopAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "condition not met within 10 s");
            await Task.Delay(20, Ct);
        }
    }
}
