using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// Accepts the panels' TCP connections and serves each on its own (<see cref="Dc09TcpConnection"/>). Past
/// <see cref="Dc09ReceiverOptions.MaxConnections"/> in all or <see cref="Dc09ReceiverOptions.MaxConnectionsPerAddress"/>
/// from one address, a new connection is closed at once and logged: a flood of connections never reaches the others.
/// The last <see cref="Dc09ReceiverOptions.ReservedConnections"/> are kept for addresses that sent frames of
/// configured accounts (<see cref="Dc09KnownSenders"/>), so that sockets held by strangers never keep the panels out.
/// </summary>
internal sealed class Dc09TcpListener
{
    private readonly Dc09AnswerPath _path;
    private readonly Dc09ReceiverOptions _options;
    private readonly Dc09KnownSenders _known;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Counter<long> _throttled;
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private TcpListener? _listener;
    private int _connections;

    public Dc09TcpListener(Dc09AnswerPath path, Dc09ReceiverOptions options, Dc09KnownSenders known, Meter meter, TimeProvider time, ILogger logger)
    {
        _path = path;
        _options = options;
        _known = known;
        _time = time;
        _logger = logger;
        _throttled = meter.CreateCounter<long>("vigie.dc09.throttled", "{frame}", "DC-09 frames that waited because their connection had its full share of frames in flight, by remote address");
    }

    /// <summary>The port actually bound (useful with port 0).</summary>
    public int Port => (_listener?.LocalEndpoint as IPEndPoint)?.Port ?? 0;

    public int OpenConnections => Volatile.Read(ref _connections);

    /// <summary>Binds and listens; throws <see cref="SocketException"/> when the port cannot be used.</summary>
    public void Bind(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        _listener.Start(1024);
    }

    public async Task AcceptAsync(CancellationToken cancellationToken)
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
                Dc09ServerLog.AcceptFailed(_logger, ex.Message);
                continue;
            }

            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var fromAddress = _perAddress.AddOrUpdate(remote.Address, 1, (_, n) => n + 1);
            var total = Interlocked.Increment(ref _connections);
            if (total > _options.MaxConnections || fromAddress > _options.MaxConnectionsPerAddress
                || (total > _options.MaxConnections - _options.ReservedConnections && !_known.Contains(remote.Address)))
            {
                Dc09ServerLog.TooManyConnections(_logger, remote.ToString(), total, fromAddress);
                Release(remote.Address);
                socket.Dispose();
                continue;
            }

            _ = ServeAsync(socket, remote, cancellationToken);
        }
    }

    public void Stop() => _listener?.Stop();

    private async Task ServeAsync(Socket socket, IPEndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await new Dc09TcpConnection(socket, remote, _path, _options, _throttled, _time, _logger).ServeAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(remote.Address);
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
}
