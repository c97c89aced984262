namespace Vigie.Media.Rtsp;

/// <summary>
/// A reusable timeout for one I/O step at a time, driven by the injected <see cref="TimeProvider"/> so
/// tests control it. <see cref="Start"/> arms it and returns a token that is cancelled when the outer
/// token is or when the time runs out; <see cref="Stop"/> disarms it. Re-arming reuses the same timer and
/// token source, so reading interleaved RTP packet after packet allocates nothing. Once expired, the token
/// stays cancelled: the connection is unusable after a timeout anyway.
/// <para>
/// A timer callback runs on the thread pool, possibly late (a starved pool at host start-up, 50 sessions
/// opening at once on a loaded machine). A late callback must not cancel a step it was not armed for:
/// the step that armed it may have finished just in time and the connection moved on to the next one
/// (e.g. from the PLAY response to receiving RTP). So the callback expires the deadline only while it is
/// armed and its own time has really run out on the clock.
/// </para>
/// </summary>
internal sealed class RtspDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private readonly CancellationToken _outer;
    private readonly Lock _lock = new();
    private bool _armed;
    private long _armedAt;
    private TimeSpan _timeout;
    private volatile bool _expired;
    private volatile bool _disposed;

    public RtspDeadline(TimeProvider timeProvider, CancellationToken outer)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _outer = outer;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _timer = timeProvider.CreateTimer(static state => ((RtspDeadline)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True when the last cancellation came from the timer, not from the caller.</summary>
    public bool Expired => _expired && !_outer.IsCancellationRequested;

    public CancellationToken Start(TimeSpan timeout)
    {
        if (timeout != Timeout.InfiniteTimeSpan && !_disposed)
        {
            lock (_lock)
            {
                _armed = true;
                _armedAt = _time.GetTimestamp();
                _timeout = timeout;
            }

            _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        return _source.Token;
    }

    public void Stop()
    {
        if (!_disposed)
        {
            lock (_lock)
            {
                if (!_armed)
                {
                    // Nothing armed (an unbounded read: the receive loop's every read): leave the timer alone.
                    return;
                }

                _armed = false;
            }

            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire()
    {
        lock (_lock)
        {
            if (!_armed)
            {
                // Stale: the step finished and nothing is armed.
                return;
            }

            var left = _timeout - _time.GetElapsedTime(_armedAt);
            if (left > TimeSpan.Zero)
            {
                // Stale (re-armed since for a later step) or a hair early: wait for what is left of this step.
                _timer.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }

            _expired = true;
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

    /// <summary>Call only once no I/O uses the token any more; a read still in flight must have been cancelled.</summary>
    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _source.Dispose();
    }
}
