using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Ingest;
using Vigie.Media.Rtsp;
using Vigie.Media.Simulator;

namespace Vigie.Media.Tests.Simulator;

/// <summary>`camsim --control`: sessions ended cleanly, with what each was served, so that a recording can be checked frame for frame.</summary>
public sealed class SessionAccountingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ending_sessions_delivers_every_frame_offered_then_refuses_new_ones_until_resumed()
    {
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, AccountSessions = true, CacheFolder = Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);
        var counter = new FrameCounter();
        using var ingest = new CameraIngest(counter, TimeProvider.System);
        var session = new RtspSession(new RtspClientOptions { Uri = new Uri(simulator.UrlOf(1)) }, ingest);
        var run = session.StartAsync(Ct);
        await counter.FirstFrame.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        var served = Assert.Single(await simulator.EndSessionsAsync(TimeSpan.FromSeconds(10)));
        // The stream ends for the client: its session returns or fails on the closed connection.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            throw new EndOfStreamException("session returned");
        });
        ingest.Flush();

        Assert.Equal("cam1", served.Camera);
        Assert.True(served.Offered > 0);
        Assert.Equal(0, served.Skipped);
        Assert.Equal(served.Offered, served.Sent);
        Assert.Equal(served.Offered, counter.Frames);

        var refused = new RtspSession(new RtspClientOptions { Uri = new Uri(simulator.UrlOf(1)) }, new CameraIngest(new FrameCounter(), TimeProvider.System));
        var error = await Assert.ThrowsAsync<RtspException>(() => refused.StartAsync(Ct));
        Assert.Contains("503", error.Message, StringComparison.Ordinal);

        simulator.Resume();
        var again = new FrameCounter();
        using var second = new CameraIngest(again, TimeProvider.System);
        var resumed = new RtspSession(new RtspClientOptions { Uri = new Uri(simulator.UrlOf(1)) }, second);
        var secondRun = resumed.StartAsync(Ct);
        await again.FirstFrame.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await resumed.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await secondRun.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            throw new EndOfStreamException("session returned");
        });
    }
}
