namespace Vigie.Media.Rtsp;

/// <summary>
/// A reusable timeout for one I/O step at a time, driven by the injected <see cref="TimeProvider"/> so
/// tests control it. <see cref="Start"/> arms it and returns a token that is cancelled when the outer
/// token is or when the time runs out; <see cref="Stop"/> disarms it. Re-arming reuses the same timer and
/// token source, so reading interleaved RTP packet after packet allocates nothing. Once expired, the token
/// stays cancelled: the connection is unusable after a timeout anyway.
/// </summary>
internal sealed class RtspDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private readonly CancellationToken _outer;
    private volatile bool _expired;
    private volatile bool _disposed;

    public RtspDeadline(TimeProvider timeProvider, CancellationToken outer)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
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
            _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        return _source.Token;
    }

    public void Stop()
    {
        if (!_disposed)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire()
    {
        _expired = true;
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
