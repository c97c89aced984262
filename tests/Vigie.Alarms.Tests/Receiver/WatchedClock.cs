using Microsoft.Extensions.Time.Testing;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>
/// A fake clock that also says when the code under test has armed a timer: a test waits until the receiver has
/// armed its time-out, then moves the clock past it — no sleeping, and no moving the clock too early.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _armed = [];
    private readonly List<(TimeSpan AtMost, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Completes once a timer has been armed (created or changed) to fire at most <paramref name="atMost"/> after the time it was armed.</summary>
    public Task ArmedAsync(TimeSpan atMost)
    {
        lock (_lock)
        {
            if (_armed.Exists(due => due <= atMost))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((atMost, done));
            return done.Task;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Watched(base.CreateTimer(callback, state, dueTime, period), this);
        Noted(dueTime);
        return timer;
    }

    private void Noted(TimeSpan due)
    {
        if (due == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_lock)
        {
            _armed.Add(due);
            foreach (var waiter in _waiters.Where(w => due <= w.AtMost).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class Watched(ITimer inner, WatchedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Noted(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
