using System.Net.Sockets;

namespace Vigie.Media.Rtsp;

/// <summary>
/// Decides, for a playing TCP connection, whether its receive loop reads at the shared receive tick
/// (<see cref="ReceiveTicks"/>, every <see cref="RtspClientOptions.ReceiveBatching"/>) or as bytes arrive.
/// <list type="bullet">
/// <item><b>Batched</b> (a camera only recorded): the loop sleeps until the tick, then takes what the socket
/// gathered in one non-blocking read. SO_RCVLOWAT (socket(7)) is raised meanwhile so that arriving bytes do
/// not wake the host's epoll thread either; the kernel queues them (the raised mark also lets TCP advertise a
/// window that holds several ticks of a fast camera).</item>
/// <item><b>At once</b>: while a request waits for its response (keep-alive, TEARDOWN), while someone holds an
/// <see cref="ImmediateDelivery"/> request (a live viewer), during the first second after PLAY (the first
/// frames and a frozen test clock), and when batching is off. The mark is 1 byte.</item>
/// </list>
/// Any of these changing signals the loop, so a switch to "at once" never waits for the tick; a switch back
/// takes effect after the read in progress (at the camera's next packet).
/// </summary>
internal sealed class ReceiveBatching : IDisposable
{
    /// <summary>Raised mark while batched: no epoll wake-up before this much is queued (≈ 40 Mbit/s at 0.1 s ticks).</summary>
    internal const int BatchedLowWater = 512 * 1024;

    /// <summary>Delivered at once for this long after PLAY, on the session's clock.</summary>
    internal static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly ReceiveTicks? _ticks;
    private readonly ImmediateDelivery? _delivery;
    private readonly ReceiveWaker _waker = new();
    private readonly Action _onDeliveryChanged;
    private readonly Lock _lock = new();
    private long _startedAt;
    private bool _started;
    private bool _warm;
    private volatile bool _held;
    private int _lowWater = 1;
    private bool _unsupported;
    private int _disposed;

    public ReceiveBatching(Socket socket, TimeProvider time, TimeSpan period, ImmediateDelivery? delivery)
    {
        _socket = socket;
        _time = time;
        _ticks = period > TimeSpan.Zero ? ReceiveTicks.For(time, period) : null;
        _delivery = delivery;
        _onDeliveryChanged = OnDeliveryChanged;
    }

    /// <summary>True when the loop should wait for the tick rather than read at once. Read by the loop only.</summary>
    public bool Batched
    {
        get
        {
            if (_ticks is null || _held || _unsupported || (_delivery?.IsRequested ?? false))
            {
                return false;
            }

            if (!_warm)
            {
                _warm = _started && _time.GetElapsedTime(_startedAt) >= WarmUp;
            }

            return _warm;
        }
    }

    /// <summary>The receive loop starts (after PLAY): register for ticks and for viewers.</summary>
    public void Start()
    {
        _startedAt = _time.GetTimestamp();
        _started = true;
        if (_ticks is null)
        {
            return;
        }

        try
        {
            // Non-blocking reads at the tick: a socket read returns what is there, never waits.
            _socket.Blocking = false;
        }
        catch (SocketException)
        {
            _unsupported = true;
            return;
        }

        _ticks.Add(_waker);
        _delivery?.Subscribe(_onDeliveryChanged);
    }

    /// <summary>Batched: raise the mark and sleep until the next tick or a reason to read at once.</summary>
    public ValueTask WaitForTickAsync()
    {
        SetLowWater(BatchedLowWater);
        return _waker.WaitAsync();
    }

    /// <summary>Reading at once: any byte wakes the reader.</summary>
    public void ReadingAtOnce() => SetLowWater(1);

    /// <summary>A request is about to go out: read at once until its response is in.</summary>
    public void Hold()
    {
        _held = true;
        SetLowWater(1);
        _waker.Signal();
    }

    /// <summary>The response is in (or given up): batching resumes after the loop's next read.</summary>
    public void Release() => _held = false;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _ticks?.Remove(_waker);
        _delivery?.Unsubscribe(_onDeliveryChanged);
        // A loop asleep until the tick wakes and finds the socket closed.
        _waker.Signal();
    }

    private void OnDeliveryChanged()
    {
        if (_delivery!.IsRequested)
        {
            SetLowWater(1);
        }

        _waker.Signal();
    }

    private void SetLowWater(int lowWater)
    {
        lock (_lock)
        {
            if (_unsupported || lowWater == _lowWater)
            {
                return;
            }

            try
            {
                // Linux wakes a reader at once when the new mark is already reached (tcp_set_rcvlowat).
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, lowWater);
                _lowWater = lowWater;
            }
            catch (SocketException)
            {
                // Not settable on this platform: read as bytes arrive.
                _unsupported = true;
            }
            catch (ObjectDisposedException)
            {
                _unsupported = true;
            }
        }
    }
}
