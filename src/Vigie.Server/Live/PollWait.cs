namespace Vigie.Server.Live;

/// <summary>
/// A time-out reused from one wait to the next, on the injected clock, that also ends when the connection's
/// token does: a live viewer waits for its next frame up to a second at a time, and a timer created per frame
/// and viewer would be the socket's only allocation in the steady state.
/// </summary>
internal sealed class PollWait : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationToken _connection;
    private CancellationTokenSource _source;
    private CancellationTokenRegistration _link;

    public PollWait(TimeProvider time, CancellationToken connection)
    {
        _time = time;
        _connection = connection;
        _source = Create();
    }

    /// <summary>A token cancelled after <paramref name="delay"/> on the injected clock, or when the connection ends.</summary>
    public CancellationToken Start(TimeSpan delay)
    {
#pragma warning disable RS0030 // The source was made on the injected clock (new CancellationTokenSource(InfiniteTimeSpan, time)): CancelAfter runs on that clock.
        _source.CancelAfter(delay);
#pragma warning restore RS0030
        return _source.Token;
    }

    /// <summary>The wait ended without the time-out: the same source serves the next one (a new one if it fired meanwhile).</summary>
    public void Stop()
    {
        if (!_source.TryReset())
        {
            Renew();
        }
    }

    /// <summary>The time-out fired: a new source for the next wait.</summary>
    public void Renew()
    {
        _link.Dispose();
        _source.Dispose();
        _source = Create();
    }

    public void Dispose()
    {
        _link.Dispose();
        _source.Dispose();
    }

    private CancellationTokenSource Create()
    {
        var source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        _link = _connection.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        return source;
    }
}
