using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Intake;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// The DC-09 receiver's sockets: TCP (frames of a connection answered in order, one at a time) and UDP (one
/// frame per datagram, answered to its sender) on the same port. Each connection is on its own: a sender
/// of garbage, of a byte a second or of oversized frames gets NAKs or is cut off, and a flood of
/// connections is refused past the caps, without touching the other panels. A connection may have a bounded
/// number of frames waiting for their commit (its fair share of the group commit); UDP work in progress is
/// capped in all and per sending address, past which datagrams are dropped (the panel sends again).
/// </summary>
public sealed partial class Dc09Server : IAsyncDisposable
{
    private readonly Dc09Receiver _receiver;
    private readonly Dc09ReceiverOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly ConcurrentDictionary<IPAddress, int> _udpPerAddress = new();
    private readonly List<Task> _loops = [];
    private readonly Counter<long> _received;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _udpDropped;
    private readonly Histogram<double> _ackDuration;
    private TcpListener? _listener;
    private Socket? _udp;
    private int _connections;
    private int _udpInFlight;
    private long _udpDroppedCount;

    public Dc09Server(Dc09Receiver receiver, Dc09ReceiverOptions options, Meter meter, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _receiver = receiver;
        _options = options;
        _time = time;
        _logger = logger;
        // Per sending address (not address:port, which changes with every connection): bounded by the panels.
        _received = meter.CreateCounter<long>("vigie.dc09.received", "{frame}", "DC-09 frames received, by remote address and transport");
        _throttled = meter.CreateCounter<long>("vigie.dc09.throttled", "{frame}", "DC-09 frames that waited because their connection had its full share of frames in flight, by remote address");
        _udpDropped = meter.CreateCounter<long>("vigie.dc09.udp.dropped", "{datagram}", "DC-09 datagrams dropped because too many were in progress, by remote address");
        _ackDuration = meter.CreateHistogram(
            "vigie.dc09.answer.duration",
            "s",
            "Time from the receipt of a DC-09 frame's last byte to the send of its answer (ACK after the commit, NAK, DUH), by transport",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = IntakeMetrics.LatencyBuckets });
    }

    /// <summary>UDP datagrams being answered now (capped by <see cref="Dc09ReceiverOptions.MaxUdpInFlight"/>).</summary>
    public int UdpInFlight => Volatile.Read(ref _udpInFlight);

    /// <summary>Datagrams dropped since start because the UDP caps were reached.</summary>
    public long UdpDropped => Interlocked.Read(ref _udpDroppedCount);

    /// <summary>The TCP port actually bound (useful with port 0); UDP listens on the same number.</summary>
    public int Port => (_listener?.LocalEndpoint as IPEndPoint)?.Port ?? 0;

    public int OpenConnections => Volatile.Read(ref _connections);

    public void Start(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        _listener.Start(1024);
        _udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(address, Port));
        _loops.Add(AcceptAsync(_stop.Token));
        _loops.Add(ReceiveDatagramsAsync(_stop.Token));
        LogListening(_logger, address.ToString(), Port);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(_logger, ex.Message);
                continue;
            }

            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var fromAddress = _perAddress.AddOrUpdate(remote.Address, 1, (_, n) => n + 1);
            var total = Interlocked.Increment(ref _connections);
            if (total > _options.MaxConnections || fromAddress > _options.MaxConnectionsPerAddress)
            {
                LogTooManyConnections(_logger, remote.ToString(), total, fromAddress);
                Release(remote.Address);
                socket.Dispose();
                continue;
            }

            _ = ServeAsync(socket, remote, cancellationToken);
        }
    }

    private void Release(IPAddress address)
    {
        Interlocked.Decrement(ref _connections);
        if (_perAddress.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    private async Task ServeAsync(Socket socket, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var name = remote.ToString();
        var splitter = new Dc09FrameSplitter(_options.MaxFrameBytes);
        var collector = new FrameCollector(_logger, name);
        var buffer = new byte[4096];
        var source = Tags(remote.Address, "tcp");
        DateTimeOffset? partialSince = null;

        // Frames are handled as they arrive (several may wait for the same group commit) but answered in
        // their order. At most MaxInFlightPerConnection are pending: past that, this connection is not read
        // until its oldest frame is answered, so a flooding sender holds back only itself (TCP back-pressure)
        // and never fills the shared commit queue ahead of the other panels.
        var answers = new CappedQueue<Answer>(_options.MaxInFlightPerConnection, singleWriter: true);
        // Cancelled when the host stops or when answering fails (the panel is gone): reading stops too.
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = AnswerInOrderAsync(socket, answers, _ackDuration, connection);
        // One time-out for the connection's life, moved as it goes rather than a new one per read (a timer
        // and a linked source per read were a good part of the receiver's allocations at 20,000 frames/s).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
        var armedUntil = long.MaxValue;
        try
        {
            socket.NoDelay = true;
            while (!connection.IsCancellationRequested)
            {
                // A frame left incomplete only gets FrameTimeout; a quiet line gets IdleTimeout.
                var wait = partialSince is { } since ? _options.FrameTimeout - (_time.GetUtcNow() - since) : _options.IdleTimeout;
                armedUntil = Arm(timeout, wait, armedUntil);
                int read;
                try
                {
                    read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!connection.IsCancellationRequested)
                {
                    if (partialSince is not null)
                    {
                        LogFrameTimeout(_logger, name, splitter.Pending);
                        await answers.WriteAsync(new Answer(Task.FromResult(Dc09FrameWriter.Nak(_time.GetUtcNow())), Stopwatch.GetTimestamp()), connection.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        LogIdle(_logger, name);
                    }

                    break;
                }

                if (read == 0)
                {
                    break;
                }

                // The answer's time runs from here: the read that brought the frame's last byte.
                var receivedAt = Stopwatch.GetTimestamp();
                splitter.Push(buffer.AsSpan(0, read), collector);
                foreach (var frame in collector.Frames)
                {
                    _received.Add(1, source[0], source[1]);
                    var handling = new Answer(_receiver.HandleAsync(frame, name, cancellationToken), receivedAt);
                    if (!answers.TryWrite(handling))
                    {
                        // This connection has its full share in flight: no more reading until its oldest is answered.
                        _throttled.Add(1, source[0]);
                        await answers.WriteAsync(handling, connection.Token).ConfigureAwait(false);
                    }
                }

                collector.Frames.Clear();

                if (collector.TakeOversized())
                {
                    await answers.WriteAsync(new Answer(Task.FromResult(Dc09FrameWriter.Nak(_time.GetUtcNow())), receivedAt), connection.Token).ConfigureAwait(false);
                }

                partialSince = splitter.Pending > 0 ? partialSince ?? _time.GetUtcNow() : null;
            }

            // Answer what was received before closing (the panel hung up, timed out, or the host stops).
            answers.Complete();
            await writer.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The panel hung up, or the host is stopping.
        }
        catch (Exception ex)
        {
            // Whatever went wrong stays with this connection.
            LogConnectionFailed(_logger, name, ex);
        }
        finally
        {
            answers.Complete();
            await connection.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            socket.Dispose();
            Release(remote.Address);
        }
    }

    /// <summary>
    /// Makes <paramref name="timeout"/> fire <paramref name="wait"/> from now, unless it is already due at
    /// most a second before that: a busy line's five idle minutes are moved once a second, not at every read.
    /// Returns when it is now due (a <see cref="Stopwatch"/> time stamp).
    /// </summary>
    private static long Arm(CancellationTokenSource timeout, TimeSpan wait, long armedUntil)
    {
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        var due = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        if (armedUntil <= due && armedUntil >= due - Stopwatch.Frequency)
        {
            return armedUntil;
        }

        timeout.CancelAfter(wait);
        return due;
    }

    /// <summary>
    /// Sends each frame's answer in the order the frames came, once it is known (after the commit for a
    /// signal); the answers ready together go out in one write rather than one send per frame. Each answer's
    /// time (receipt to send) is recorded once its send returns.
    /// </summary>
    private static async Task AnswerInOrderAsync(Socket socket, CappedQueue<Answer> answers, Histogram<double> durations, CancellationTokenSource connection)
    {
        try
        {
            await AnswerInOrderAsync(socket, answers, durations, connection.Token).ConfigureAwait(false);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task AnswerInOrderAsync(Socket socket, CappedQueue<Answer> queue, Histogram<double> durations, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        var receivedAt = new List<long>();
        var answers = queue.Reader;
        while (await answers.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (answers.TryPeek(out var next))
            {
                if (!next.Reply.IsCompleted && output.WrittenCount > 0)
                {
                    // The answers of one commit are completed one after the other on one thread: let it finish
                    // them before sending, so that they leave together in one send rather than one each.
                    await Task.Yield();
                    if (!next.Reply.IsCompleted)
                    {
                        // Send what is ready before waiting for the next commit.
                        await SendAsync(socket, output, receivedAt, durations, cancellationToken).ConfigureAwait(false);
                    }
                }

                var answer = await next.Reply.ConfigureAwait(false);
                answers.TryRead(out _);
                queue.Release(1);
                output.Write(answer);
                receivedAt.Add(next.ReceivedAt);
            }

            if (output.WrittenCount > 0)
            {
                await SendAsync(socket, output, receivedAt, durations, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAsync(Socket socket, ArrayBufferWriter<byte> output, List<long> receivedAt, Histogram<double> durations, CancellationToken cancellationToken)
    {
        await socket.SendAsync(output.WrittenMemory, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        output.ResetWrittenCount();
        var sent = Stopwatch.GetTimestamp();
        foreach (var received in receivedAt)
        {
            durations.Record(Stopwatch.GetElapsedTime(received, sent).TotalSeconds, Tcp);
        }

        receivedAt.Clear();
    }

    private async Task ReceiveDatagramsAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(_udp!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                LogUdpFailed(_logger, ex.Message);
                continue;
            }

            var receivedAt = Stopwatch.GetTimestamp();
            var from = ((IPEndPoint)received.RemoteEndPoint).Address;
            var tags = Tags(from, "udp");
            _received.Add(1, tags[0], tags[1]);
            if (!TryTakeUdpSlot(from))
            {
                // Past the caps the datagram is dropped unanswered, as a lost one would be: the panel sends it again.
                _udpDropped.Add(1, tags[0]);
                Interlocked.Increment(ref _udpDroppedCount);
                LogUdpDropped(_logger, received.RemoteEndPoint.ToString()!);
                continue;
            }

            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            var splitter = new Dc09FrameSplitter(_options.MaxFrameBytes);
            var collector = new FrameCollector(_logger, received.RemoteEndPoint.ToString()!);
            splitter.Push(datagram, collector);
            var frames = collector.Frames;
            if (frames.Count == 0 || collector.TakeOversized())
            {
                ReleaseUdpSlot(from);
                LogBadDatagram(_logger, received.RemoteEndPoint.ToString()!, received.ReceivedBytes);
                await ReplyAsync(Dc09FrameWriter.Nak(_time.GetUtcNow()), received.RemoteEndPoint, receivedAt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _ = AnswerDatagramAsync(frames, received.RemoteEndPoint, from, receivedAt, cancellationToken);
        }
    }

    private static KeyValuePair<string, object?>[] Tags(IPAddress address, string transport) =>
        [new("remote", address.ToString()), new("transport", transport)];

    private bool TryTakeUdpSlot(IPAddress from)
    {
        if (Interlocked.Increment(ref _udpInFlight) > _options.MaxUdpInFlight)
        {
            Interlocked.Decrement(ref _udpInFlight);
            return false;
        }

        if (_udpPerAddress.AddOrUpdate(from, 1, (_, n) => n + 1) > _options.MaxUdpInFlightPerAddress)
        {
            ReleaseUdpSlot(from);
            return false;
        }

        return true;
    }

    private void ReleaseUdpSlot(IPAddress from)
    {
        Interlocked.Decrement(ref _udpInFlight);
        if (_udpPerAddress.AddOrUpdate(from, 0, (_, n) => n - 1) <= 0)
        {
            _udpPerAddress.TryRemove(new KeyValuePair<IPAddress, int>(from, 0));
        }
    }

    private async Task AnswerDatagramAsync(List<byte[]> frames, EndPoint remote, IPAddress from, long receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var frame in frames)
            {
                var answer = await _receiver.HandleAsync(frame, remote.ToString()!, cancellationToken).ConfigureAwait(false);
                await ReplyAsync(answer, remote, receivedAt, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopping, or the sender is gone.
        }
        finally
        {
            ReleaseUdpSlot(from);
        }
    }

    private async Task ReplyAsync(byte[] answer, EndPoint remote, long receivedAt, CancellationToken cancellationToken)
    {
        await _udp!.SendToAsync(answer, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
        _ackDuration.Record(Stopwatch.GetElapsedTime(receivedAt).TotalSeconds, Udp);
    }

    private static readonly KeyValuePair<string, object?> Tcp = new("transport", "tcp");
    private static readonly KeyValuePair<string, object?> Udp = new("transport", "udp");

    /// <summary>A frame's answer to come, and when the frame was received.</summary>
    private readonly record struct Answer(Task<byte[]> Reply, long ReceivedAt);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        _udp?.Dispose();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Copies the frames the splitter finds (its spans live only during the call) and notes what it discarded.</summary>
    private sealed class FrameCollector(ILogger logger, string remote) : Dc09FrameSplitter.IHandler
    {
        private bool _oversized;

        /// <summary>The frames found so far; the caller clears the list once it has taken them.</summary>
        public List<byte[]> Frames { get; } = [];

        public void OnFrame(ReadOnlySpan<byte> frame) => Frames.Add(frame.ToArray());

        public void OnDiscarded(int bytes, string reason)
        {
            _oversized |= reason.StartsWith("frame longer", StringComparison.Ordinal);
            LogDiscarded(logger, remote, bytes, reason);
        }

        public bool TakeOversized()
        {
            var oversized = _oversized;
            _oversized = false;
            return oversized;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DC-09 receiver listening on {Address}:{Port} (TCP and UDP)")]
    private static partial void LogListening(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 accept failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 connection from {Remote} refused: {Total} connections open, {FromAddress} from this address")]
    private static partial void LogTooManyConnections(ILogger logger, string remote, int total, int fromAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 {Remote}: frame incomplete after the timeout ({Pending} bytes); NAK and closed")]
    private static partial void LogFrameTimeout(ILogger logger, string remote, int pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DC-09 {Remote}: idle connection closed")]
    private static partial void LogIdle(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Error, Message = "DC-09 connection {Remote} failed")]
    private static partial void LogConnectionFailed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 UDP receive failed: {Reason}")]
    private static partial void LogUdpFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DC-09 datagram from {Remote} dropped: too many datagrams in progress")]
    private static partial void LogUdpDropped(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 datagram from {Remote} ({Bytes} bytes) holds no frame; NAK")]
    private static partial void LogBadDatagram(ILogger logger, string remote, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 {Remote}: {Bytes} bytes discarded ({Reason})")]
    private static partial void LogDiscarded(ILogger logger, string remote, int bytes, string reason);
}
