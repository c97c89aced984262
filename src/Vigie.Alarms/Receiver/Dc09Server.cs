using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// The DC-09 receiver's sockets: TCP (frames of a connection answered in order, one at a time) and UDP (one
/// frame per datagram, answered to its sender) on the same port. Each connection is on its own: a sender
/// of garbage, of a byte a second or of oversized frames gets NAKs or is cut off, and a flood of
/// connections is refused past the caps, without touching the other panels.
/// </summary>
public sealed partial class Dc09Server : IAsyncDisposable
{
    private readonly Dc09Receiver _receiver;
    private readonly Dc09ReceiverOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly List<Task> _loops = [];
    private TcpListener? _listener;
    private Socket? _udp;
    private int _connections;

    public Dc09Server(Dc09Receiver receiver, Dc09ReceiverOptions options, TimeProvider time, ILogger logger)
    {
        _receiver = receiver;
        _options = options;
        _time = time;
        _logger = logger;
    }

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
        DateTimeOffset? partialSince = null;
        try
        {
            socket.NoDelay = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                // A frame left incomplete only gets FrameTimeout; a quiet line gets IdleTimeout.
                var wait = partialSince is { } since ? _options.FrameTimeout - (_time.GetUtcNow() - since) : _options.IdleTimeout;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                int read;
                try
                {
                    read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (partialSince is not null)
                    {
                        LogFrameTimeout(_logger, name, splitter.Pending);
                        await socket.SendAsync(Dc09FrameWriter.Nak(_time.GetUtcNow()), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        LogIdle(_logger, name);
                    }

                    return;
                }

                if (read == 0)
                {
                    return;
                }

                splitter.Push(buffer.AsSpan(0, read), collector);
                foreach (var frame in collector.Take())
                {
                    var answer = await _receiver.HandleAsync(frame, name, cancellationToken).ConfigureAwait(false);
                    await socket.SendAsync(answer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }

                if (collector.TakeOversized())
                {
                    await socket.SendAsync(Dc09FrameWriter.Nak(_time.GetUtcNow()), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }

                partialSince = splitter.Pending > 0 ? partialSince ?? _time.GetUtcNow() : null;
            }
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
            socket.Dispose();
            Release(remote.Address);
        }
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

            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            var splitter = new Dc09FrameSplitter(_options.MaxFrameBytes);
            var collector = new FrameCollector(_logger, received.RemoteEndPoint.ToString()!);
            splitter.Push(datagram, collector);
            var frames = collector.Take();
            if (frames.Count == 0 || collector.TakeOversized())
            {
                LogBadDatagram(_logger, received.RemoteEndPoint.ToString()!, received.ReceivedBytes);
                await ReplyAsync(Dc09FrameWriter.Nak(_time.GetUtcNow()), received.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _ = AnswerDatagramAsync(frames, received.RemoteEndPoint, cancellationToken);
        }
    }

    private async Task AnswerDatagramAsync(List<byte[]> frames, EndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var frame in frames)
            {
                var answer = await _receiver.HandleAsync(frame, remote.ToString()!, cancellationToken).ConfigureAwait(false);
                await ReplyAsync(answer, remote, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopping, or the sender is gone.
        }
    }

    private async Task ReplyAsync(byte[] answer, EndPoint remote, CancellationToken cancellationToken) =>
        await _udp!.SendToAsync(answer, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);

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
        private List<byte[]> _frames = [];
        private bool _oversized;

        public void OnFrame(ReadOnlySpan<byte> frame) => _frames.Add(frame.ToArray());

        public void OnDiscarded(int bytes, string reason)
        {
            _oversized |= reason.StartsWith("frame longer", StringComparison.Ordinal);
            LogDiscarded(logger, remote, bytes, reason);
        }

        public List<byte[]> Take()
        {
            var frames = _frames;
            _frames = [];
            return frames;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 datagram from {Remote} ({Bytes} bytes) holds no frame; NAK")]
    private static partial void LogBadDatagram(ILogger logger, string remote, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DC-09 {Remote}: {Bytes} bytes discarded ({Reason})")]
    private static partial void LogDiscarded(ILogger logger, string remote, int bytes, string reason);
}
