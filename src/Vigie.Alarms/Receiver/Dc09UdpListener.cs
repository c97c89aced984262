using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// DC-09 over UDP: one frame per datagram, answered to its sender. Work in progress is capped in all
/// (<see cref="Dc09ReceiverOptions.MaxUdpInFlight"/>) and per sending address
/// (<see cref="Dc09ReceiverOptions.MaxUdpInFlightPerAddress"/>); past the caps a datagram is dropped unanswered,
/// as a lost one would be, and the panel sends it again.
/// </summary>
internal sealed class Dc09UdpListener : IDisposable
{
    private readonly Dc09AnswerPath _path;
    private readonly Dc09ReceiverOptions _options;
    private readonly ILogger _logger;
    private readonly Counter<long> _dropped;
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private Socket? _socket;
    private int _inFlight;
    private long _droppedCount;

    public Dc09UdpListener(Dc09AnswerPath path, Dc09ReceiverOptions options, Meter meter, ILogger logger)
    {
        _path = path;
        _options = options;
        _logger = logger;
        _dropped = meter.CreateCounter<long>("vigie.dc09.udp.dropped", "{datagram}", "DC-09 datagrams dropped because too many were in progress, by remote address");
    }

    /// <summary>Datagrams being answered now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Datagrams dropped since start because the caps were reached.</summary>
    public long Dropped => Interlocked.Read(ref _droppedCount);

    /// <summary>Binds the socket; throws <see cref="SocketException"/> when the port cannot be used.</summary>
    public void Bind(IPAddress address, int port)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, port));
    }

    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(_socket!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Dc09ServerLog.UdpFailed(_logger, ex.Message);
                continue;
            }

            var receivedAt = Stopwatch.GetTimestamp();
            var from = ((IPEndPoint)received.RemoteEndPoint).Address;
            var source = Dc09AnswerPath.Source(from, "udp");
            _path.Received(source);
            if (!TryTakeSlot(from))
            {
                // Past the caps the datagram is dropped unanswered, as a lost one would be: the panel sends it again.
                _dropped.Add(1, source[0]);
                Interlocked.Increment(ref _droppedCount);
                Dc09ServerLog.UdpDropped(_logger, received.RemoteEndPoint.ToString()!);
                continue;
            }

            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            var splitter = new Dc09FrameSplitter(_options.MaxFrameBytes);
            var collector = new Dc09FrameCollector(_logger, received.RemoteEndPoint.ToString()!);
            splitter.Push(datagram, collector);
            var frames = collector.Frames;
            if (frames.Count == 0 || collector.TakeOversized())
            {
                ReleaseSlot(from);
                Dc09ServerLog.BadDatagram(_logger, received.RemoteEndPoint.ToString()!, received.ReceivedBytes);
                await ReplyAsync(_path.Nak(), received.RemoteEndPoint, receivedAt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _ = AnswerAsync(frames, received.RemoteEndPoint, from, receivedAt, cancellationToken);
        }
    }

    public void Dispose() => _socket?.Dispose();

    private bool TryTakeSlot(IPAddress from)
    {
        if (Interlocked.Increment(ref _inFlight) > _options.MaxUdpInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        if (_perAddress.AddOrUpdate(from, 1, (_, n) => n + 1) > _options.MaxUdpInFlightPerAddress)
        {
            ReleaseSlot(from);
            return false;
        }

        return true;
    }

    private void ReleaseSlot(IPAddress from)
    {
        Interlocked.Decrement(ref _inFlight);
        if (_perAddress.AddOrUpdate(from, 0, (_, n) => n - 1) <= 0)
        {
            _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(from, 0));
        }
    }

    private async Task AnswerAsync(List<byte[]> frames, EndPoint remote, IPAddress from, long receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var frame in frames)
            {
                var answer = await _path.AnswerAsync(frame, remote.ToString()!, cancellationToken).ConfigureAwait(false);
                await ReplyAsync(answer, remote, receivedAt, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopping, or the sender is gone.
        }
        finally
        {
            ReleaseSlot(from);
        }
    }

    private async Task ReplyAsync(byte[] answer, EndPoint remote, long receivedAt, CancellationToken cancellationToken)
    {
        await _socket!.SendToAsync(answer, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
        _path.Sent(receivedAt, Stopwatch.GetTimestamp(), Dc09AnswerPath.Udp);
    }
}
