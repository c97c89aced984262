using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Vigie.Media.Rtsp;

/// <summary>
/// One TCP connection to an RTSP server: numbers requests (CSeq, RFC 2326 §12.17), adds Session,
/// User-Agent and Authorization, answers 401 challenges once, and matches each response to its request.
/// Before PLAY, a request reads its own response; once <see cref="ReceiveLoopAsync"/> runs (TCP carries
/// RTP too), the loop reads everything and hands responses to the waiting request. One request is in
/// flight at a time: cameras rarely cope with pipelining and nothing here needs it.
/// </summary>
internal sealed class RtspConnection : IAsyncDisposable
{
    private readonly RtspClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly RtspDeadline _readDeadline;
    private readonly RtspDeadline _writeDeadline;
    private readonly RtspMessageReader _reader;
    private readonly RtspAuthenticator? _authenticator;
    private readonly ReceiveBatching _batching;
    private readonly SemaphoreSlim _requestLock = new(1, 1);
    private readonly Lock _pendingLock = new();
    private TaskCompletionSource<RtspResponse>? _pending;
    private int _pendingCSeq;
    private int _cseq;
    private volatile bool _loopRunning;
    private int _disposed;

    private RtspConnection(RtspClientOptions options, TimeProvider time, ILogger logger, Socket socket, RtspCredentials? credentials, ImmediateDelivery? delivery)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _readDeadline = new RtspDeadline(time, _lifetime.Token);
        _writeDeadline = new RtspDeadline(time, _lifetime.Token);
        _reader = new RtspMessageReader(_stream, _readDeadline, options.MaxHeaderBytes, options.MaxBodyBytes);
        _authenticator = credentials is null ? null : new RtspAuthenticator(credentials);
        _batching = new ReceiveBatching(socket, time, options.ReceiveBatching, delivery);
    }

    /// <summary>The Session identifier to send back (RFC 2326 §12.37), once SETUP gave one.</summary>
    public string? SessionId { get; set; }

    /// <summary>Packets that arrive interleaved on this connection; null drops them.</summary>
    public InterleavedFrameHandler? FrameHandler { get; set; }

    public System.Net.IPAddress RemoteAddress => ((System.Net.IPEndPoint)_socket.RemoteEndPoint!).Address;

    public static async Task<RtspConnection> ConnectAsync(Uri uri, RtspClientOptions options, RtspCredentials? credentials, ImmediateDelivery? delivery, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        // .NET knows no default port for rtsp://; RFC 2326 §3.2 says 554.
        var port = uri.Port > 0 ? uri.Port : 554;
        var host = uri.IdnHost;
        var operation = $"connecting to {host}:{port}";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = new RtspDeadline(time, cancellationToken);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Start(options.ConnectTimeout)).ConfigureAwait(false);
            return new RtspConnection(options, time, logger, socket, credentials, delivery);
        }
        catch (OperationCanceledException e) when (deadline.Expired)
        {
            socket.Dispose();
            throw new RtspException(operation, $"no connection within {options.ConnectTimeout.TotalSeconds:0.#} s", e) { IsTimeout = true };
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new RtspException(operation, $"connection failed ({e.SocketErrorCode})", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns the server's final answer, whatever its status; a 401
    /// is retried once with credentials (twice never: a wrong password must not lock the account).
    /// </summary>
    /// <param name="responseTimeout">How long to wait for the answer once the receive loop runs; default <see cref="RtspClientOptions.ResponseTimeout"/>.</param>
    public async Task<RtspResponse> SendAsync(RtspRequest request, CancellationToken cancellationToken, TimeSpan? responseTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _requestLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var cseq = ++_cseq;
                var bytes = request.Encode(cseq, BuildHeaders(request));
                var response = await ExchangeAsync(bytes, cseq, request.Describe(), responseTimeout ?? _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == 401 && attempt == 0 && _authenticator is not null
                    && _authenticator.Accept(response.Headers.GetAll("WWW-Authenticate")))
                {
                    RtspLog.Authenticating(_logger, request.Describe());
                    continue;
                }

                return response;
            }
        }
        finally
        {
            _requestLock.Release();
        }
    }

    private List<KeyValuePair<string, string>> BuildHeaders(RtspRequest request)
    {
        var headers = new List<KeyValuePair<string, string>>(4) { new("User-Agent", _options.UserAgent) };
        if (SessionId is not null && request.Headers["Session"] is null)
        {
            headers.Add(new("Session", SessionId));
        }

        if (_authenticator?.Authorize(request.Method, request.RequestUri) is { } authorization)
        {
            headers.Add(new("Authorization", authorization));
        }

        return headers;
    }

    private async Task<RtspResponse> ExchangeAsync(byte[] bytes, int cseq, string operation, TimeSpan responseTimeout, CancellationToken cancellationToken)
    {
        if (!_loopRunning)
        {
            // The reader's deadline follows the connection's lifetime; a caller who gives up mid-request
            // abandons the connection (its framing state is unknown after a half-read message anyway).
            using var abandon = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _lifetime);
            await WriteAsync(bytes, operation).ConfigureAwait(false);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kind = await _reader.ReadAsync(responseTimeout, operation).ConfigureAwait(false);
                if (kind == RtspMessageKind.InterleavedFrame)
                {
                    FrameHandler?.Invoke(_reader.FrameChannel, _reader.Frame);
                }
                else if (kind == RtspMessageKind.Response)
                {
                    return Match(_reader.Response!, cseq, operation);
                }
            }
        }

        var pending = new TaskCompletionSource<RtspResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pendingLock)
        {
            _pending = pending;
            _pendingCSeq = cseq;
        }

        try
        {
            _batching.Hold();
            await WriteAsync(bytes, operation).ConfigureAwait(false);
            var response = await pending.Task.WaitAsync(responseTimeout, _time, cancellationToken).ConfigureAwait(false);
            return Match(response, cseq, operation);
        }
        catch (TimeoutException e)
        {
            throw new RtspException(operation, $"no answer within {responseTimeout.TotalSeconds:0.#} s", e) { IsTimeout = true };
        }
        finally
        {
            lock (_pendingLock)
            {
                _pending = null;
            }

            _batching.Release();
        }
    }

    /// <summary>RFC 2326 §12.17: a response carries its request's CSeq. A missing CSeq is tolerated (some cameras omit it).</summary>
    private static RtspResponse Match(RtspResponse response, int cseq, string operation)
    {
        var answered = response.CSeq;
        if (answered is not null && answered != cseq)
        {
            throw new RtspException(operation, $"the response carries CSeq {answered} but the request was CSeq {cseq}");
        }

        return response;
    }

    private async Task WriteAsync(byte[] bytes, string operation)
    {
        try
        {
            await _stream.WriteAsync(bytes, _writeDeadline.Start(_options.ResponseTimeout)).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (_writeDeadline.Expired)
        {
            throw new RtspException(operation, "the request could not be sent in time", e) { IsTimeout = true };
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new RtspException(operation, $"the request could not be sent ({e.Message})", e);
        }
        finally
        {
            _writeDeadline.Stop();
        }
    }

    /// <summary>
    /// Reads until the connection ends: interleaved packets go to <see cref="FrameHandler"/>, responses
    /// to the request waiting for them. Throws <see cref="RtspException"/> when the server closes the
    /// connection or sends garbage; <see cref="OperationCanceledException"/> or <see cref="ObjectDisposedException"/>
    /// after <see cref="DisposeAsync"/>. Reads at the receive tick or at once as <see cref="ReceiveBatching"/> says.
    /// </summary>
    public async Task ReceiveLoopAsync()
    {
        _loopRunning = true;
        const string operation = "receiving from the server";
        try
        {
            _batching.Start();
            while (true)
            {
                if (!_batching.Batched)
                {
                    // Silence is watched by the session (it knows about UDP too); here only the socket's fate matters.
                    _batching.ReadingAtOnce();
                    Dispatch(await _reader.ReadAsync(Timeout.InfiniteTimeSpan, operation).ConfigureAwait(false));
                    continue;
                }

                // Batched: hand out every whole packet already read, then sleep until the tick (or a switch).
                while (_reader.TryReadBufferedFrame())
                {
                    Dispatch(RtspMessageKind.InterleavedFrame);
                }

                if (_reader.StartsWithText)
                {
                    // A response (or a server's request): parsed from the buffer, reading on if it is cut
                    // (with the mark down, so the rest of it is not held back by the kernel).
                    _batching.ReadingAtOnce();
                    Dispatch(await _reader.ReadAsync(Timeout.InfiniteTimeSpan, operation).ConfigureAwait(false));
                    continue;
                }

                if (!_reader.LastFillWasFull)
                {
                    await _batching.WaitForTickAsync().ConfigureAwait(false);
                }

                ObjectDisposedException.ThrowIf(_disposed != 0, this);
                if (_reader.FillNow(_socket, operation) == 0)
                {
                    throw new RtspException(operation, "the server closed the connection");
                }
            }
        }
        catch (Exception e)
        {
            lock (_pendingLock)
            {
                _pending?.TrySetException(e);
            }

            throw;
        }
    }

    private void Dispatch(RtspMessageKind kind)
    {
        switch (kind)
        {
            case RtspMessageKind.InterleavedFrame:
                FrameHandler?.Invoke(_reader.FrameChannel, _reader.Frame);
                break;
            case RtspMessageKind.Response:
                Deliver(_reader.Response!);
                break;
            default:
                RtspLog.IgnoredServerRequest(_logger);
                break;
        }
    }

    private void Deliver(RtspResponse response)
    {
        lock (_pendingLock)
        {
            // A response carrying an earlier CSeq answers a request given up on (a keep-alive answered
            // late): it is not the answer awaited now.
            if (_pending is not null && !(response.CSeq is { } answered && answered < _pendingCSeq))
            {
                _pending.TrySetResult(response);
                return;
            }
        }

        // A response nobody waits for: late after a timeout, or a confused server. Harmless; note it.
        RtspLog.UnexpectedResponse(_logger, response.StatusCode, response.CSeq ?? -1);
    }

    /// <summary>Closes the socket, which ends a running receive loop. Idempotent: the session disposes on every path.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _batching.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _reader.Dispose();
        _readDeadline.Dispose();
        _writeDeadline.Dispose();
        _requestLock.Dispose();
        _lifetime.Dispose();
    }
}
