using System.Net.Sockets;

namespace Vigie.Media.Rtsp;

/// <summary>
/// Sets a playing TCP connection's SO_RCVLOWAT (socket(7)) to <see cref="RtspClientOptions.ReceiveBatching"/>
/// worth of the byte rate measured over the last second, so the receive loop wakes for several frames at a
/// time instead of one. Off (1 byte) while a request waits for its response, and until a rate is known,
/// so an answer is never held back waiting for RTP that does not come. End of stream wakes the reader
/// whatever the mark. The receive loop measures; requests (keep-alive, TEARDOWN) hold it off from their
/// own thread, hence the lock.
/// </summary>
internal sealed class ReceiveBatching(Socket socket, TimeProvider time, TimeSpan batching)
{
    /// <summary>Kept well under the reader's 64 KiB buffer and the socket's receive buffer.</summary>
    private const int MaxLowWater = 32 * 1024;

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private long _markAt = time.GetTimestamp();
    private long _markBytes;
    private int _lowWater = 1;
    private bool _held;
    private volatile bool _unsupported = batching <= TimeSpan.Zero;

    /// <summary>The receive loop read more bytes: once a second, resize the mark to the rate.</summary>
    public void OnBytesRead(long totalBytes)
    {
        if (_unsupported)
        {
            return;
        }

        var elapsed = time.GetElapsedTime(_markAt);
        if (elapsed < Period)
        {
            return;
        }

        var rate = (totalBytes - _markBytes) / elapsed.TotalSeconds;
        _markAt = time.GetTimestamp();
        _markBytes = totalBytes;
        lock (_lock)
        {
            Set(_held ? 1 : (int)Math.Clamp(rate * batching.TotalSeconds, 1, MaxLowWater));
        }
    }

    /// <summary>A request is about to go out: wake for any byte until its response is in.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _held = true;
            Set(1);
        }
    }

    /// <summary>The response is in (or given up): the next measurement sets the mark again.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _held = false;
        }
    }

    /// <summary>Under the lock.</summary>
    private void Set(int lowWater)
    {
        if (_unsupported || lowWater == _lowWater)
        {
            return;
        }

        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, lowWater);
            _lowWater = lowWater;
        }
        catch (SocketException)
        {
            // Not settable on this platform: read as before.
            _unsupported = true;
        }
        catch (ObjectDisposedException)
        {
            _unsupported = true;
        }
    }
}
