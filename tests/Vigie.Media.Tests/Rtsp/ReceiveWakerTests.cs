using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>The batched receive loop's wait: no signal is lost, none is counted twice, nothing allocates.</summary>
public sealed class ReceiveWakerTests
{
    [Fact]
    public async Task A_signal_sent_while_the_loop_is_busy_completes_its_next_wait_at_once()
    {
        var waker = new ReceiveWaker();
        waker.Signal();
        waker.Signal();
        Assert.True(waker.WaitAsync().IsCompleted);

        // Two signals while busy make one wake-up: the next wait sleeps until a new signal.
        var wait = waker.WaitAsync();
        Assert.False(wait.IsCompleted);
        waker.Signal();
        await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Signals_racing_the_waits_never_leave_the_loop_asleep()
    {
        var waker = new ReceiveWaker();
        using var stop = new CancellationTokenSource();
        var signaller = Task.Run(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    waker.Signal();
                }
            },
            TestContext.Current.CancellationToken);

        for (var i = 0; i < 100_000; i++)
        {
            await waker.WaitAsync();
        }

        await stop.CancelAsync();
        await signaller;
        waker.Signal();
        await waker.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }
}
