using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Vigie.Media.Rtsp;

/// <summary>
/// Reads RTSP responses and '$'-framed interleaved packets (RFC 2326 §10.12) from one connection,
/// which carries both once PLAY has started. One pooled buffer per connection; an interleaved packet is
/// exposed as a span into it (<see cref="Frame"/>), valid until the next read, so the RTP hot path copies
/// and allocates nothing. Every message must arrive whole within the timeout given to
/// <see cref="ReadAsync"/>, headers are capped at <see cref="RtspClientOptions.MaxHeaderBytes"/> and
/// bodies at <see cref="RtspClientOptions.MaxBodyBytes"/>: a misbehaving peer costs bounded memory and time.
/// </summary>
internal sealed class RtspMessageReader : IDisposable
{
    /// <summary>Largest interleaved frame: a 16-bit length (RFC 2326 §10.12) plus the 4-byte prefix.</summary>
    private const int MaxFrameBytes = 4 + ushort.MaxValue;

    private readonly Stream _stream;
    private readonly RtspDeadline _deadline;
    private readonly int _maxHeaderBytes;
    private readonly int _maxBodyBytes;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private int _frameOffset;
    private int _frameLength;

    // A read in flight writes into _buffer: the buffer goes back to the pool only when no read runs
    // (0 idle, 1 reading, 2 reading and disposed), so a late socket completion never scribbles on a
    // buffer someone else rented.
    private int _state;

    public RtspMessageReader(Stream stream, RtspDeadline deadline, int maxHeaderBytes, int maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderBytes, 256);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        _stream = stream;
        _deadline = deadline;
        _maxHeaderBytes = maxHeaderBytes;
        _maxBodyBytes = maxBodyBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(maxHeaderBytes, MaxFrameBytes));
    }

    /// <summary>Bytes read from the connection so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The last response read, when <see cref="ReadAsync"/> returned <see cref="RtspMessageKind.Response"/>.</summary>
    public RtspResponse? Response { get; private set; }

    /// <summary>Channel of the last interleaved frame.</summary>
    public int FrameChannel { get; private set; }

    /// <summary>The last interleaved frame's payload (an RTP or RTCP packet); valid until the next read.</summary>
    public ReadOnlySpan<byte> Frame => Buffer.AsSpan(_frameOffset, _frameLength);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(RtspMessageReader));

    /// <summary>
    /// Reads the next message. <paramref name="timeout"/> bounds the whole message (a slow drip of bytes
    /// does not reset it); <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as the connection lives.
    /// </summary>
    public ValueTask<RtspMessageKind> ReadAsync(TimeSpan timeout, string operation)
    {
        // Fast path: one socket read usually brings many packets; those already buffered are handed out
        // without entering an async method (no state machine, no deadline to arm, nothing allocated).
        if (Volatile.Read(ref _state) == 0 && TryTakeBufferedFrame())
        {
            return new ValueTask<RtspMessageKind>(RtspMessageKind.InterleavedFrame);
        }

        return ReadSlowAsync(timeout, operation);
    }

    /// <summary>
    /// Takes the next interleaved frame when it is already buffered whole, without reading (the batched
    /// receive loop drains its buffer this way between two ticks).
    /// </summary>
    public bool TryReadBufferedFrame() => Volatile.Read(ref _state) == 0 && TryTakeBufferedFrame();

    /// <summary>
    /// True when the buffered bytes start with something other than an interleaved frame (a response, a
    /// server request, stray line ends): <see cref="ReadAsync"/> must parse it.
    /// </summary>
    public bool StartsWithText => _end > _start && Buffer[_start] != (byte)'$';

    /// <summary>True when the last <see cref="FillNow"/> filled the buffer: the socket may hold more, read again before waiting.</summary>
    public bool LastFillWasFull { get; private set; }

    /// <summary>
    /// Reads what <paramref name="socket"/> holds now, without waiting (it must be non-blocking), after the
    /// bytes still buffered. Returns the bytes read: 0 at end of stream, -1 when nothing was waiting.
    /// </summary>
    public int FillNow(System.Net.Sockets.Socket socket, string operation)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new ObjectDisposedException(nameof(RtspMessageReader), "Reader disposed or already reading.");
        }

        try
        {
            var buffer = Buffer;
            if (_start > 0)
            {
                // Make room: a partial frame (at most one) moves to the front, so the read takes as much as it can.
                buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == buffer.Length)
            {
                throw new RtspException(operation, "message larger than the read buffer");
            }

            var read = socket.Receive(buffer.AsSpan(_end), SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                LastFillWasFull = false;
                return -1;
            }

            if (error != SocketError.Success)
            {
                throw new RtspException(operation, $"connection failed ({error})", new SocketException((int)error));
            }

            LastFillWasFull = _end + read == buffer.Length;
            _end += read;
            BytesRead += read;
            return read;
        }
        finally
        {
            if (Interlocked.CompareExchange(ref _state, 0, 1) == 2)
            {
                ReturnBuffer();
            }
        }
    }

    private bool TryTakeBufferedFrame()
    {
        var available = _end - _start;
        if (available < 4 || Buffer[_start] != (byte)'$')
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(Buffer.AsSpan(_start + 2, 2));
        if (available < 4 + length)
        {
            return false;
        }

        Response = null;
        FrameChannel = Buffer[_start + 1];
        _frameOffset = _start + 4;
        _frameLength = length;
        _start += 4 + length;
        return true;
    }

    private async ValueTask<RtspMessageKind> ReadSlowAsync(TimeSpan timeout, string operation)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new ObjectDisposedException(nameof(RtspMessageReader), "Reader disposed or already reading.");
        }

        var token = _deadline.Start(timeout);
        try
        {
            return await ReadMessageAsync(operation, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (_deadline.Expired)
        {
            throw new RtspException(operation, $"no complete answer within {timeout.TotalSeconds:0.#} s", e) { IsTimeout = true };
        }
        catch (IOException e)
        {
            throw new RtspException(operation, $"connection failed ({e.Message})", e);
        }
        catch (SocketException e)
        {
            throw new RtspException(operation, $"connection failed ({e.SocketErrorCode})", e);
        }
        finally
        {
            _deadline.Stop();
            if (Interlocked.CompareExchange(ref _state, 0, 1) == 2)
            {
                ReturnBuffer();
            }
        }
    }

    private async ValueTask<RtspMessageKind> ReadMessageAsync(string operation, CancellationToken token)
    {
        Response = null;

        // Tolerate blank lines between messages (some servers end bodies with an extra CRLF).
        while (true)
        {
            if (_start == _end && !await FillAsync(operation, token).ConfigureAwait(false))
            {
                throw new RtspException(operation, "the server closed the connection");
            }

            var b = Buffer[_start];
            if (b is (byte)'\r' or (byte)'\n')
            {
                _start++;
                continue;
            }

            break;
        }

        if (Buffer[_start] == (byte)'$')
        {
            await EnsureAsync(4, operation, token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadUInt16BigEndian(Buffer.AsSpan(_start + 2, 2));
            await EnsureAsync(4 + length, operation, token).ConfigureAwait(false);
            TryTakeBufferedFrame();
            return RtspMessageKind.InterleavedFrame;
        }

        var headerLength = await ReadHeaderAsync(operation, token).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(Buffer, _start, headerLength);
        _start += headerLength;
        var (startLine, headers) = ParseHeader(text, operation);
        var body = await ReadBodyAsync(headers, operation, token).ConfigureAwait(false);
        if (startLine.StartsWith("RTSP/", StringComparison.Ordinal))
        {
            Response = ParseStatusLine(startLine, headers, body, operation);
            return RtspMessageKind.Response;
        }

        // RFC 2326 §6.1: Request-Line = Method SP Request-URI SP RTSP-Version. Anything else is garbage.
        if (startLine.EndsWith(" RTSP/1.0", StringComparison.Ordinal) && startLine.Split(' ').Length == 3)
        {
            return RtspMessageKind.ServerRequest;
        }

        throw new RtspException(operation, $"the server answered something that is not RTSP: '{Truncate(startLine)}'");
    }

    /// <summary>Finds the blank line ending the header block; returns its length including the blank line.</summary>
    private async ValueTask<int> ReadHeaderAsync(string operation, CancellationToken token)
    {
        var scanned = 0;
        while (true)
        {
            var span = Buffer.AsSpan(_start, _end - _start);
            for (var i = Math.Max(0, scanned - 3); i < span.Length; i++)
            {
                if (span[i] != (byte)'\n')
                {
                    continue;
                }

                // "\n\n" or "\n\r\n": the blank line (bare LF tolerated, RFC 2326 §4 asks for CRLF).
                if (i + 1 < span.Length && span[i + 1] == (byte)'\n')
                {
                    return i + 2;
                }

                if (i + 2 < span.Length && span[i + 1] == (byte)'\r' && span[i + 2] == (byte)'\n')
                {
                    return i + 3;
                }
            }

            scanned = span.Length;
            if (scanned >= _maxHeaderBytes)
            {
                throw new RtspException(operation, $"the response header is larger than {_maxHeaderBytes} bytes");
            }

            if (!await FillAsync(operation, token).ConfigureAwait(false))
            {
                throw new RtspException(operation, "the server closed the connection in the middle of a response header");
            }
        }
    }

    private async ValueTask<byte[]> ReadBodyAsync(RtspHeaders headers, string operation, CancellationToken token)
    {
        var lengthText = headers["Content-Length"];
        if (lengthText is null)
        {
            // RFC 2326 §12.14: without Content-Length there is no body.
            return [];
        }

        if (!int.TryParse(lengthText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new RtspException(operation, $"Content-Length '{Truncate(lengthText)}' is not a valid length");
        }

        if (length > _maxBodyBytes)
        {
            throw new RtspException(operation, $"Content-Length {length} exceeds the {_maxBodyBytes} bytes accepted");
        }

        var body = new byte[length];
        var buffered = Math.Min(length, _end - _start);
        Buffer.AsSpan(_start, buffered).CopyTo(body);
        _start += buffered;
        var got = buffered;
        while (got < length)
        {
            var read = await _stream.ReadAsync(body.AsMemory(got), token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new RtspException(operation, $"the server closed the connection after {got} of {length} body bytes");
            }

            got += read;
        }

        return body;
    }

    private static (string StartLine, RtspHeaders Headers) ParseHeader(string text, string operation)
    {
        var lines = text.Split('\n');
        var startLine = lines[0].TrimEnd('\r');
        if (startLine.Length == 0 || ContainsControl(startLine))
        {
            throw new RtspException(operation, $"the server answered something that is not RTSP: '{Truncate(startLine)}'");
        }

        var headers = new RtspHeaders();
        string? name = null;
        string? value = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (ContainsControl(line))
            {
                throw new RtspException(operation, "a response header contains control characters");
            }

            if (line[0] is ' ' or '\t' && name is not null)
            {
                // RFC 2616 §2.2 folding, inherited by RFC 2326 §4.2: a continuation line.
                value += " " + line.Trim();
                continue;
            }

            if (name is not null)
            {
                headers.Add(name, value!);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new RtspException(operation, $"malformed header line '{Truncate(line)}'");
            }

            name = line[..colon].Trim();
            value = line[(colon + 1)..].Trim();
        }

        if (name is not null)
        {
            headers.Add(name, value!);
        }

        return (startLine, headers);
    }

    /// <summary>RFC 2326 §7.1: Status-Line = RTSP-Version SP Status-Code SP Reason-Phrase CRLF.</summary>
    private static RtspResponse ParseStatusLine(string line, RtspHeaders headers, byte[] body, string operation)
    {
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 100)
        {
            throw new RtspException(operation, $"malformed status line '{Truncate(line)}'");
        }

        return new RtspResponse(code, parts.Length > 2 ? parts[2] : string.Empty, headers, body);
    }

    private async ValueTask EnsureAsync(int count, string operation, CancellationToken token)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(operation, token).ConfigureAwait(false))
            {
                throw new RtspException(operation, "the server closed the connection in the middle of an interleaved packet");
            }
        }
    }

    /// <summary>Reads more bytes after the buffered ones, compacting first; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(string operation, CancellationToken token)
    {
        var buffer = Buffer;
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == buffer.Length)
        {
            // Only reachable mid-message: the buffer holds at least one header or frame, so moving the
            // unread tail to the front always makes room (the caps are smaller than the buffer).
            buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
            _end -= _start;
            _start = 0;
            if (_end == buffer.Length)
            {
                throw new RtspException(operation, "message larger than the read buffer");
            }
        }

        var read = await _stream.ReadAsync(buffer.AsMemory(_end), token).ConfigureAwait(false);
        _end += read;
        BytesRead += read;
        return read > 0;
    }

    private static bool ContainsControl(string line)
    {
        foreach (var c in line)
        {
            if ((char.IsControl(c) && c != '\t') || c == '\uFFFD')
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string text)
    {
        var cut = text.Length > 60 ? text[..60] + "…" : text;
        var sb = new StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            sb.Append(char.IsControl(c) || c == '\uFFFD' ? '?' : c);
        }

        return sb.ToString();
    }

    public void Dispose()
    {
        // Idle: return now. Reading: the read's finally returns it.
        if (Interlocked.Exchange(ref _state, 2) == 0)
        {
            ReturnBuffer();
        }
    }

    private void ReturnBuffer()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
