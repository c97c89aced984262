using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Vigie.Media.Simulator;

/// <summary>
/// One client connection of the simulator's RTSP server: OPTIONS, DESCRIBE, SETUP (TCP interleaved or
/// UDP), PLAY, GET_PARAMETER, TEARDOWN (RFC 2326 §10). While playing it receives each frame's packets in
/// a bounded queue; a client that falls behind skips to the next keyframe instead of slowing the camera
/// or the other clients. It counts what it was offered, sent and skipped (<see cref="Served"/>), and can be
/// ended cleanly (<see cref="EndAsync"/>): what is queued is sent, then the socket is shut down, so that a
/// client sees the end of the stream and can account for every frame it was sent.
/// </summary>
public sealed partial class RtspServerConnection : ISimulatedClient, IAsyncDisposable
{
    private const int QueueFrames = 100;

    /// <summary>Over UDP, a pause of <see cref="UdpBurstPause"/> after this many bytes of one frame (about 500 Mbit/s).</summary>
    private const int UdpBurstBytes = 64 * 1024;

    private static readonly TimeSpan UdpBurstPause = TimeSpan.FromMilliseconds(1);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly CameraSimulator _server;
    private readonly ILogger _logger;
    private readonly Channel<PacketBatch> _queue = Channel.CreateBounded<PacketBatch>(new BoundedChannelOptions(QueueFrames) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _client;
    private readonly string _sessionId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
    private SimulatedCamera? _camera;
    private bool _interleaved;
    private Socket? _udpRtp;
    private Socket? _udpRtcp;
    private IPEndPoint? _clientRtp;
    private IPEndPoint? _clientRtcp;
    private bool _waitingForKeyframe = true;
    private bool _started;
    private long _offered;
    private long _skipped;
    private long _sent;
    private volatile bool _closed;
    private volatile bool _ended;
    private CancellationTokenSource? _stop;
    private Task _sender = Task.CompletedTask;

    public RtspServerConnection(TcpClient tcp, CameraSimulator server, ILogger logger)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _client = tcp.Client.RemoteEndPoint?.ToString() ?? "?";
        _server = server;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new RtspRequestReader(_stream);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop;
        var sender = _sender = SendLoopAsync(stop.Token);
        try
        {
            while (await reader.ReadAsync(stop.Token).ConfigureAwait(false) is { } request)
            {
                if (!await HandleAsync(request, stop.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or SocketException or EndOfStreamException)
        {
            LogClientError(_logger, _tcp.Client.RemoteEndPoint?.ToString() ?? "?", ex.Message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Server shutting down.
        }
        finally
        {
            _closed = true;
            _camera?.Remove(this);
            _queue.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            await sender.ConfigureAwait(false);
            _stop = null;
        }
    }

    /// <summary>Which camera this client played and how many of its frames it was offered, sent and skipped.</summary>
    public ServedSession Served => new(_camera?.Path, _client,
        Interlocked.Read(ref _offered), Interlocked.Read(ref _sent), Interlocked.Read(ref _skipped));

    /// <summary>
    /// Ends the session cleanly: no more frames are offered, what is queued is sent, then the sending side of
    /// the socket is shut down (the client reads the end of the stream and closes). The connection is cut
    /// after <paramref name="grace"/> if the client does not close by then.
    /// </summary>
    public async Task EndAsync(TimeSpan grace)
    {
        // After Remove returns the camera offers nothing more (it offers under the same lock); a PLAY racing
        // with this adds the client back, but an ended client refuses every offer.
        _ended = true;
        _camera?.Remove(this);
        _queue.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(grace, _server.Time);
        try
        {
            await _sender.WaitAsync(timeout.Token).ConfigureAwait(false);
            // No socket left when the client closed the connection meanwhile: then it is ended already.
            _tcp.Client?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            LogClientError(_logger, _client, "not drained in time; cut");
            if (_stop is { } stop)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Called by the camera for each frame; never blocks.</summary>
    public bool Offer(PacketBatch batch)
    {
        if (_closed || _ended)
        {
            return false;
        }

        if (!batch.IsRtcp)
        {
            // The client's stream starts at the first keyframe; from then on every frame counts as offered.
            if (!_started && !batch.IsKeyframe)
            {
                return true;
            }

            _started = true;
            Interlocked.Increment(ref _offered);
            if (_waitingForKeyframe && !batch.IsKeyframe)
            {
                Interlocked.Increment(ref _skipped);
                return true;
            }

            _waitingForKeyframe = false;
        }

        if (!_queue.Writer.TryWrite(batch.Retain()))
        {
            batch.Release();
            _waitingForKeyframe = true;
            if (!batch.IsRtcp)
            {
                Interlocked.Increment(ref _skipped);
            }
        }

        return true;
    }

    private async Task<bool> HandleAsync(RtspRequest request, CancellationToken cancellationToken)
    {
        switch (request.Method)
        {
            case "OPTIONS":
                await RespondAsync(request, 200, "OK", ["Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER"], cancellationToken).ConfigureAwait(false);
                return true;
            case "DESCRIBE":
                return await DescribeAsync(request, cancellationToken).ConfigureAwait(false);
            case "SETUP":
                return await SetupAsync(request, cancellationToken).ConfigureAwait(false);
            case "PLAY":
                if (_camera is null)
                {
                    await RespondAsync(request, 455, "Method Not Valid in This State", [], cancellationToken).ConfigureAwait(false);
                    return true;
                }

                await RespondAsync(request, 200, "OK", [$"Session: {_sessionId}", "Range: npt=0.000-"], cancellationToken).ConfigureAwait(false);
                _camera.Add(this);
                return true;
            case "GET_PARAMETER":
            case "SET_PARAMETER":
                await RespondAsync(request, 200, "OK", [$"Session: {_sessionId}"], cancellationToken).ConfigureAwait(false);
                return true;
            case "TEARDOWN":
                _camera?.Remove(this);
                await RespondAsync(request, 200, "OK", [$"Session: {_sessionId}"], cancellationToken).ConfigureAwait(false);
                return false;
            default:
                await RespondAsync(request, 501, "Not Implemented", [], cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    private async Task<bool> DescribeAsync(RtspRequest request, CancellationToken cancellationToken)
    {
        if (_server.Refusing)
        {
            await RespondAsync(request, 503, "Service Unavailable", [], cancellationToken).ConfigureAwait(false);
            return true;
        }

        var camera = _server.Find(request.Uri);
        if (camera is null)
        {
            await RespondAsync(request, 404, "Not Found", [], cancellationToken).ConfigureAwait(false);
            return true;
        }

        var baseUri = request.Uri.TrimEnd('/') + "/";
        var sdp = SdpWriter.Describe(camera, ((IPEndPoint)_tcp.Client.LocalEndPoint!).Address);
        await RespondAsync(request, 200, "OK", [$"Content-Base: {baseUri}", "Content-Type: application/sdp"], cancellationToken, sdp).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> SetupAsync(RtspRequest request, CancellationToken cancellationToken)
    {
        var camera = _server.Find(request.Uri);
        var transport = request.Header("Transport") ?? string.Empty;
        if (camera is null)
        {
            await RespondAsync(request, 404, "Not Found", [], cancellationToken).ConfigureAwait(false);
            return true;
        }

        string reply;
        if (transport.Contains("RTP/AVP/TCP", StringComparison.OrdinalIgnoreCase))
        {
            if (_server.UdpOnly)
            {
                await RespondAsync(request, 461, "Unsupported Transport", [], cancellationToken).ConfigureAwait(false);
                return true;
            }

            _interleaved = true;
            reply = "RTP/AVP/TCP;unicast;interleaved=0-1";
        }
        else if (TryClientPorts(transport, out var rtpPort, out var rtcpPort))
        {
            var client = ((IPEndPoint)_tcp.Client.RemoteEndPoint!).Address;
            _clientRtp = new IPEndPoint(client, rtpPort);
            _clientRtcp = new IPEndPoint(client, rtcpPort);
            _udpRtp = BindUdp();
            _udpRtcp = BindUdp();
            reply = string.Create(CultureInfo.InvariantCulture,
                $"RTP/AVP;unicast;client_port={rtpPort}-{rtcpPort};server_port={((IPEndPoint)_udpRtp.LocalEndPoint!).Port}-{((IPEndPoint)_udpRtcp.LocalEndPoint!).Port}");
        }
        else
        {
            await RespondAsync(request, 461, "Unsupported Transport", [], cancellationToken).ConfigureAwait(false);
            return true;
        }

        _camera = camera;
        await RespondAsync(request, 200, "OK", [$"Transport: {reply}", $"Session: {_sessionId};timeout=60"], cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool TryClientPorts(string transport, out int rtp, out int rtcp)
    {
        rtp = rtcp = 0;
        foreach (var part in transport.Split(';'))
        {
            if (part.StartsWith("client_port=", StringComparison.OrdinalIgnoreCase))
            {
                var ports = part["client_port=".Length..].Split('-');
                if (int.TryParse(ports[0], out rtp))
                {
                    rtcp = ports.Length > 1 && int.TryParse(ports[1], out var second) ? second : rtp + 1;
                    return rtp is > 0 and < 65536 && rtcp is > 0 and < 65536;
                }
            }
        }

        return false;
    }

    private static Socket BindUdp()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        return socket;
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var frame = new byte[64 * 1024];
        try
        {
            await foreach (var batch in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (_interleaved)
                    {
                        await SendInterleavedAsync(batch, frame, cancellationToken).ConfigureAwait(false);
                    }
                    else if (_udpRtp is not null)
                    {
                        var (socket, target) = batch.IsRtcp ? (_udpRtcp!, _clientRtcp!) : (_udpRtp, _clientRtp!);
                        var sentInBatch = 0;
                        foreach (var packet in batch)
                        {
                            await socket.SendToAsync(packet, SocketFlags.None, target, cancellationToken).ConfigureAwait(false);
                            sentInBatch += packet.Length;
                            if (sentInBatch >= UdpBurstBytes)
                            {
                                // A camera's link paces a large frame; a burst of megabytes in a microsecond
                                // would only measure the receiver's socket buffer.
                                sentInBatch = 0;
                                await Task.Delay(UdpBurstPause, _server.Time, cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }

                    if (!batch.IsRtcp)
                    {
                        Interlocked.Increment(ref _sent);
                    }
                }
                finally
                {
                    batch.Release();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _closed = true;
        }
        finally
        {
            while (_queue.Reader.TryRead(out var left))
            {
                left.Release();
            }
        }
    }

    /// <summary>Writes a batch as '$' channel length packet frames (RFC 2326 §10.12), coalesced into few writes.</summary>
    private async Task SendInterleavedAsync(PacketBatch batch, byte[] scratch, CancellationToken cancellationToken)
    {
        var channel = (byte)(batch.IsRtcp ? 1 : 0);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var used = 0;
            foreach (var packet in batch)
            {
                if (used + 4 + packet.Length > scratch.Length)
                {
                    await _stream.WriteAsync(scratch.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                    used = 0;
                }

                scratch[used] = (byte)'$';
                scratch[used + 1] = channel;
                scratch[used + 2] = (byte)(packet.Length >> 8);
                scratch[used + 3] = (byte)packet.Length;
                packet.Span.CopyTo(scratch.AsSpan(used + 4));
                used += 4 + packet.Length;
            }

            await _stream.WriteAsync(scratch.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task RespondAsync(RtspRequest request, int status, string reason, IEnumerable<string> headers, CancellationToken cancellationToken, string? body = null)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"RTSP/1.0 {status} {reason}\r\nCSeq: {request.CSeq}\r\nServer: Vigie camsim\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (bodyBytes.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {bodyBytes.Length}\r\n");
        }

        text.Append("\r\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            if (bodyBytes.Length > 0)
            {
                await _stream.WriteAsync(bodyBytes, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _udpRtp?.Dispose();
        _udpRtcp?.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
        _writeLock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulator client {Client}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string client, string reason);
}
