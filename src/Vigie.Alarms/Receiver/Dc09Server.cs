using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// The DC-09 receiver's sockets on one port: TCP (<see cref="Dc09TcpListener"/>, frames of a connection answered
/// in order) and UDP (<see cref="Dc09UdpListener"/>, one frame per datagram, answered to its sender), both
/// answering through one <see cref="Dc09AnswerPath"/>. Each connection is on its own: a sender of garbage, of a
/// byte a second or of oversized frames gets NAKs or is cut off, and a flood of connections is refused past the
/// caps, without touching the other panels. A connection may have a bounded number of frames waiting for their
/// commit (its fair share of the group commit); UDP work in progress is capped in all and per sending address,
/// past which datagrams are dropped (the panel sends again).
/// </summary>
public sealed class Dc09Server : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly Dc09TcpListener _tcp;
    private readonly Dc09UdpListener _udp;

    public Dc09Server(Dc09Receiver receiver, Dc09ReceiverOptions options, Meter meter, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _logger = logger;
        var path = new Dc09AnswerPath(receiver, meter, time);
        _tcp = new Dc09TcpListener(path, options, receiver.Known, meter, time, logger);
        _udp = new Dc09UdpListener(path, options, meter, logger);
    }

    /// <summary>UDP datagrams being answered now (capped by <see cref="Dc09ReceiverOptions.MaxUdpInFlight"/>).</summary>
    public int UdpInFlight => _udp.InFlight;

    /// <summary>Datagrams dropped since start because the UDP caps were reached.</summary>
    public long UdpDropped => _udp.Dropped;

    /// <summary>The TCP port actually bound (useful with port 0); UDP listens on the same number.</summary>
    public int Port => _tcp.Port;

    public int OpenConnections => _tcp.OpenConnections;

    /// <summary>Binds TCP, then UDP on the same port number, and starts serving; throws <see cref="System.Net.Sockets.SocketException"/> when either cannot be bound.</summary>
    public void Start(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        _tcp.Bind(address, port);
        _udp.Bind(address, Port);
        _loops.Add(_tcp.AcceptAsync(_stop.Token));
        _loops.Add(_udp.ReceiveAsync(_stop.Token));
        Dc09ServerLog.Listening(_logger, address.ToString(), Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp.Stop();
        _udp.Dispose();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }
}
