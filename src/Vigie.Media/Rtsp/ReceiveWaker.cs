using System.Threading.Tasks.Sources;

namespace Vigie.Media.Rtsp;

/// <summary>
/// What a batched receive loop waits on between two reads: the next receive tick, or a reason to read
/// at once (a request waits for its answer, a viewer arrived, the connection closes). A signal that comes
/// while the loop is busy is kept for its next wait, so none is lost. One waiter (the loop), any number of
/// signallers; reused for every wait, so waiting allocates nothing. The continuation runs on the thread
/// pool, never inline in the signaller (the tick's timer callback signals every connection in turn).
/// </summary>
internal sealed class ReceiveWaker : IValueTaskSource
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Signalled = 2;

    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;

    /// <summary>Completes at the next signal, or at once when one came since the last wait. Only the loop calls it.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signalled) == Signalled)
        {
            return ValueTask.CompletedTask;
        }

        // Idle here, and only a signaller that sees Waiting completes the core: reset it before publishing.
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            // Signalled in between.
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(this, _core.Version);
    }

    public void Signal()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Signalled:
                    return;
                case Idle when Interlocked.CompareExchange(ref _state, Signalled, Idle) == Idle:
                    return;
                case Waiting when Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting:
                    _core.SetResult(true);
                    return;
            }
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
