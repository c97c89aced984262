using Microsoft.Extensions.Time.Testing;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

public sealed class RtspDeadlineTests
{
    [Fact]
    public void A_deadline_expires_when_its_time_runs_out()
    {
        var time = new FakeTimeProvider();
        using var deadline = new RtspDeadline(time, CancellationToken.None);
        var token = deadline.Start(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(token.IsCancellationRequested);
        Assert.True(deadline.Expired);
    }

    [Fact]
    public void A_late_timer_callback_does_not_cancel_the_next_step()
    {
        // The step's timer fired while the thread pool was starved: its callback runs only after the step
        // finished in time and the connection armed the deadline for the next read.
        var time = new LateTimers();
        using var deadline = new RtspDeadline(time, CancellationToken.None);
        deadline.Start(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        deadline.Stop();
        var next = deadline.Start(TimeSpan.FromSeconds(10));
        time.RunLateCallbacks();

        Assert.False(next.IsCancellationRequested);
        Assert.False(deadline.Expired);

        // The next step's own time still counts.
        time.Advance(TimeSpan.FromSeconds(10));
        time.RunLateCallbacks();
        Assert.True(next.IsCancellationRequested);
    }

    [Fact]
    public void A_late_callback_after_the_step_ended_changes_nothing()
    {
        var time = new LateTimers();
        using var deadline = new RtspDeadline(time, CancellationToken.None);
        var token = deadline.Start(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        deadline.Stop();
        time.RunLateCallbacks();

        Assert.False(token.IsCancellationRequested);
    }

    /// <summary>A clock whose timers never run their callback by themselves: the test runs them, late.</summary>
    private sealed class LateTimers : TimeProvider
    {
        private readonly FakeTimeProvider _clock = new();
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];

        public override long TimestampFrequency => _clock.TimestampFrequency;

        public override long GetTimestamp() => _clock.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

        public void Advance(TimeSpan by) => _clock.Advance(by);

        public void RunLateCallbacks()
        {
            foreach (var (callback, state) in _timers.ToArray())
            {
                callback(state);
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Add((callback, state));
            return new Inert();
        }

        private sealed class Inert : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
