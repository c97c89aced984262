namespace Vigie.Alarms.Receiver;

/// <summary>
/// A TCP connection's one read time-out, on the injected clock (so that tests drive it with a fake one) and
/// moved as the connection goes rather than made anew for every read: a timer and a linked token source per
/// read were a good part of the receiver's allocations at 20,000 frames/s. <see cref="Token"/> is cancelled
/// when the connection's own token is, or when the time-out runs out; once expired it stays cancelled (the
/// connection is closed after a time-out anyway).
/// <para>
/// A timer callback may run late, after the deadline was moved further (a busy line's idle time-out is moved
/// once a second): the callback expires the deadline only once the clock has really reached the time it is due,
/// and otherwise waits for the rest.
/// </para>
/// </summary>
internal sealed class Dc09ConnectionDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private long _due = long.MaxValue;

    public Dc09ConnectionDeadline(TimeProvider time, CancellationToken connection)
    {
        _time = time;
        _source = CancellationTokenSource.CreateLinkedTokenSource(connection);
        _timer = time.CreateTimer(static state => ((Dc09ConnectionDeadline)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>
    /// Makes the deadline <paramref name="wait"/> from now, unless it is already due at most a second before
    /// that: a busy line's five idle minutes are moved once a second, not at every read.
    /// </summary>
    public void Arm(TimeSpan wait)
    {
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        var frequency = _time.TimestampFrequency;
        var due = _time.GetTimestamp() + (long)(wait.TotalSeconds * frequency);
        var armed = Volatile.Read(ref _due);
        if (armed <= due && armed >= due - frequency)
        {
            return;
        }

        Volatile.Write(ref _due, due);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void Expire()
    {
        var left = Volatile.Read(ref _due) - _time.GetTimestamp();
        if (left > 0)
        {
            // A late callback of an earlier arming: wait for what is left of the current one.
            _timer.Change(TimeSpan.FromTicks(Math.Max(1L, (long)Math.Ceiling(left * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency))), Timeout.InfiniteTimeSpan);
            return;
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection closed between the timer firing and this callback: nothing left to cancel.
        }
    }

    /// <summary>Call once no read uses the token any more.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }
}
