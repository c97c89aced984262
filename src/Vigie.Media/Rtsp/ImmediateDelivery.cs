namespace Vigie.Media.Rtsp;

/// <summary>
/// Whether someone is waiting for a camera's frames right now — a live viewer — so that its RTSP receive
/// path hands packets on as they arrive instead of gathering them until the next receive tick
/// (<see cref="RtspClientOptions.ReceiveBatching"/>). Each waiting party holds a request; the camera is
/// batched again once the last one is disposed. Outlives sessions: a reconnection picks it up where it was.
/// Thread-safe.
/// </summary>
public sealed class ImmediateDelivery
{
    private readonly Lock _lock = new();
    private int _requests;
    private Action[] _listeners = [];

    /// <summary>True while at least one request is held.</summary>
    public bool IsRequested => Volatile.Read(ref _requests) > 0;

    /// <summary>Asks for immediate delivery until the returned lease is disposed (idempotent).</summary>
    public IDisposable Request()
    {
        bool changed;
        lock (_lock)
        {
            changed = _requests++ == 0;
        }

        if (changed)
        {
            Notify();
        }

        return new Lease(this);
    }

    /// <summary>Called (on the requester's thread) when <see cref="IsRequested"/> changes; must be quick.</summary>
    internal void Subscribe(Action listener)
    {
        lock (_lock)
        {
            _listeners = [.. _listeners, listener];
        }
    }

    internal void Unsubscribe(Action listener)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_listeners, listener);
            if (index >= 0)
            {
                _listeners = [.. _listeners[..index], .. _listeners[(index + 1)..]];
            }
        }
    }

    private void Release()
    {
        bool changed;
        lock (_lock)
        {
            changed = --_requests == 0;
        }

        if (changed)
        {
            Notify();
        }
    }

    private void Notify()
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener();
        }
    }

    private sealed class Lease(ImmediateDelivery owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
