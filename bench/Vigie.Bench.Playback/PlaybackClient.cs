using System.Buffers.Binary;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Vigie.Bench.Playback;

/// <summary>
/// A player's side of <c>GET /api/cameras/{id}/playback?at=ISO</c> without the decoder: opens the socket with
/// the session cookie, reads every message whole, sends <c>seek</c> and measures on
/// <see cref="TimeProvider.System"/>'s monotonic timestamps. A receive that must give up after a quiet
/// period is kept pending for the next read (cancelling a WebSocket receive would abort the socket).
/// </summary>
public sealed class PlaybackClient : IAsyncDisposable
{
    private static readonly TimeSpan SeekTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The server sends 10 s from the sought instant before the player asks for more (its InitialReadAhead).</summary>
    private static readonly TimeSpan ReadAhead = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly TimeProvider _time;
    private byte[] _buffer = new byte[64 * 1024];
    private Task<PlaybackMessage>? _pending;
    private long _seq;

    private PlaybackClient(ClientWebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
    }

    /// <summary>Opens a socket at <paramref name="at"/> and times it up to the first fragment; the client stays open.</summary>
    public static async Task<(PlaybackClient Client, SeekTiming Timing)> OpenAsync(Uri baseAddress, string cookie, Guid camera, DateTimeOffset at, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(time);
        var uri = new Uri($"ws://{baseAddress.Authority}/api/cameras/{camera}/playback?at={Iso(at)}");
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        var client = new PlaybackClient(socket, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SeekTimeout);
        var started = time.GetTimestamp();
        try
        {
            await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            var timing = await client.FirstFragmentAsync(at, started, seq: 0, timeout.Token).ConfigureAwait(false);
            return (client, timing);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a seek and times it up to its first fragment, then reads the rest of its read-ahead.</summary>
    public async Task<SeekTiming> SeekAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var seq = ++_seq;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SeekTimeout);
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"seek","at":"{{Iso(at)}}","seq":{{seq}}}"""));
        var started = _time.GetTimestamp();
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
        var timing = await FirstFragmentAsync(at, started, seq, timeout.Token).ConfigureAwait(false);
        await DrainAsync(at).ConfigureAwait(false);
        return timing;
    }

    /// <summary>
    /// Reads what the server still sends for the current position (its read-ahead, up to 10 s of recording),
    /// so the next seek is measured on a quiet socket, as a player's would be between two clicks.
    /// </summary>
    public async Task DrainAsync(DateTimeOffset at)
    {
        var last = at + ReadAhead - TimeSpan.FromSeconds(1);
        while (await NextAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false) is { } message)
        {
            if ((message.IsFragment && message.RecordedAt >= last) || message.TextType == "end")
            {
                return;
            }
        }
    }

    private async Task<SeekTiming> FirstFragmentAsync(DateTimeOffset at, long started, long seq, CancellationToken cancellationToken)
    {
        long? seeked = null;
        DateTimeOffset start = default;
        while (true)
        {
            var message = await NextAsync(SeekTimeout).ConfigureAwait(false)
                ?? throw new TimeoutException($"no fragment within {SeekTimeout.TotalSeconds} s of seeking {Iso(at)}");
            cancellationToken.ThrowIfCancellationRequested();
            if (message.Type == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"the server closed the socket while seeking {Iso(at)}");
            }

            if (message.TextType == "error" && message.Seq == seq)
            {
                throw new InvalidOperationException($"the server refused the seek to {Iso(at)}");
            }

            if (message.TextType == "seeked" && message.Seq == seq)
            {
                seeked = message.ReceivedAt;
                start = message.Start ?? default;
                continue;
            }

            if (seeked is { } seekedAt && message.IsFragment)
            {
                var consistent = message.RecordedAt == start && start <= at && at - start < TimeSpan.FromSeconds(1.05);
                return new SeekTiming(at, Ms(started, seekedAt), Ms(started, message.ReceivedAt), start, consistent);
            }
        }
    }

    /// <summary>The next message, or null when none arrives within <paramref name="quiet"/> (the receive stays pending).</summary>
    private async Task<PlaybackMessage?> NextAsync(TimeSpan quiet)
    {
        _pending ??= ReceiveAsync();
        var delay = Task.Delay(quiet, _time);
        if (await Task.WhenAny(_pending, delay).ConfigureAwait(false) != _pending)
        {
            return null;
        }

        var message = await _pending.ConfigureAwait(false);
        _pending = null;
        return message;
    }

    private async Task<PlaybackMessage> ReceiveAsync()
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
            length += result.Count;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new PlaybackMessage(WebSocketMessageType.Close, _time.GetTimestamp(), 0);
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            var received = _time.GetTimestamp();
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                var recorded = length >= 9 ? DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(_buffer.AsSpan(1, 8))) : (DateTimeOffset?)null;
                return new PlaybackMessage(WebSocketMessageType.Binary, received, length, Kind: length > 0 ? _buffer[0] : (byte)0, RecordedAt: recorded);
            }

            using var json = JsonDocument.Parse(_buffer.AsMemory(0, length));
            var root = json.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            var seq = root.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
            DateTimeOffset? start = root.TryGetProperty("start", out var st) && st.ValueKind == JsonValueKind.String ? st.GetDateTimeOffset() : null;
            return new PlaybackMessage(WebSocketMessageType.Text, received, length, type, seq, start);
        }
    }

    private double Ms(long from, long to) => _time.GetElapsedTime(from, to).TotalMilliseconds;

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Closes the socket as a player leaving does (the server then writes the end of playback to the audit).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token).ConfigureAwait(false);
                // Read up to the server's close so the next socket is not measured against this one's teardown.
                while (await NextAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false) is { } message && message.Type != WebSocketMessageType.Close)
                {
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            Console.Error.WriteLine($"playback socket close: {ex.Message}");
        }
        finally
        {
            _socket.Dispose();
        }
    }
}
