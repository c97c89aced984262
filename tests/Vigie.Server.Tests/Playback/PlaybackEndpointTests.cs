using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Server.Tests.Live;
using Vigie.Testing;

namespace Vigie.Server.Tests.Playback;

/// <summary>The playback WebSocket against the real host recording a simulated camera in 2 s segments.</summary>
public sealed class PlaybackEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_playback_starts_at_the_keyframe_before_the_instant_follows_the_players_read_ahead_seeks_and_is_audited()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        var (first, last) = await WaitForRecordingsAsync(host, camera.Id, TimeSpan.FromSeconds(15));

        var sought = first + TimeSpan.FromMilliseconds(2500);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        await socket.ConnectAsync(PlaybackUri(host.BaseAddress, camera.Id, sought), Ct);
        var messages = new Messages(socket);

        // seeked, then init (text + binary), then fragments from the keyframe at or before the instant.
        var seeked = await NextTextAsync(messages);
        Assert.Equal("seeked", seeked.GetProperty("type").GetString());
        var start = seeked.GetProperty("start").GetDateTimeOffset();
        Assert.InRange(sought - start, TimeSpan.Zero, TimeSpan.FromSeconds(1.05));
        Assert.Equal("init", (await NextTextAsync(messages)).GetProperty("type").GetString());
        var init = await NextBinaryAsync(messages);
        Assert.Equal(1, init.Kind);
        Assert.Equal("ftyp"u8.ToArray(), init.Body.AsSpan(4, 4).ToArray());

        // Without a "want", the server sends 10 s ahead of the instant and then waits for the player.
        // The header carries Unix milliseconds (truncated): an instant compared from below allows that millisecond.
        var ms = TimeSpan.FromMilliseconds(1);
        var received = await CollectAsync(messages, TimeSpan.FromSeconds(2), reached: sought + TimeSpan.FromSeconds(8) - ms);
        Assert.NotEmpty(received);
        Assert.Equal(start, received[0].At, TimeSpan.FromMilliseconds(1)); // the header carries Unix milliseconds
        Assert.All(received.Zip(received.Skip(1)), pair => Assert.True(pair.Second.At > pair.First.At));
        Assert.True(received[^1].At < sought + TimeSpan.FromSeconds(10), $"sent past the read-ahead: {received[^1].At:O}");
        Assert.True(received[^1].At >= sought + TimeSpan.FromSeconds(8) - ms, $"stopped short of the read-ahead: {received[^1].At:O}");

        // The player asks for 2 s more: exactly that comes, in order.
        await SendAsync(socket, new { type = "want", until = sought + TimeSpan.FromSeconds(12) });
        var more = await CollectAsync(messages, TimeSpan.FromSeconds(2), reached: sought + TimeSpan.FromSeconds(11) - ms);
        Assert.NotEmpty(more);
        Assert.True(more[0].At > received[^1].At && more[^1].At < sought + TimeSpan.FromSeconds(12) && more[^1].At >= sought + TimeSpan.FromSeconds(11) - ms, $"sought {sought:O}, read ahead to {received[^1].At:O}, then {string.Join(", ", more.Select(m => m.At.ToString("O", CultureInfo.InvariantCulture)))}");

        // A seek back to the first recorded second: acknowledged with its sequence number, then init and fragments from there.
        await SendAsync(socket, new { type = "seek", at = first.AddMilliseconds(200), seq = 7 });
        var again = await NextTextAsync(messages);
        Assert.Equal(7, again.GetProperty("seq").GetInt32());
        Assert.Equal(first, again.GetProperty("start").GetDateTimeOffset(), TimeSpan.FromMilliseconds(5));

        // A seek after every recording: a clear error, the socket stays usable.
        await SendAsync(socket, new { type = "seek", at = last.AddHours(1), seq = 8 });
        var error = await NextTextAsync(messages, skipBinary: true, type: "error");
        Assert.Equal("playback.no_recording", error.GetProperty("code").GetString());
        await SendAsync(socket, new { type = "seek", at = "yesterday", seq = 9 });
        Assert.Equal("playback.message_invalid", (await NextTextAsync(messages, skipBinary: true, type: "error")).GetProperty("code").GetString());

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
        Assert.Single(await VideoSockets.WaitForAuditAsync(host, AuditCategory.PlaybackStarted, 1), t => t.Contains("« Quai »", StringComparison.Ordinal));
        var stop = Assert.Single(await VideoSockets.WaitForAuditAsync(host, AuditCategory.PlaybackStopped, 1));
        Assert.Contains(first.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), stop, StringComparison.Ordinal);
        Assert.Contains("(2 recherche(s))", stop, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_first_recording_or_in_a_gap_the_next_recording_is_sent_at_once_and_a_gap_ahead_is_announced()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var cookie = await host.SessionCookieAsync("op");
        var (first, _) = await WaitForRecordingsAsync(host, camera.Id, TimeSpan.FromSeconds(18));
        // A segment 12 s in (past the first read-ahead) taken out of the index and the disk: a hole in the recordings.
        DateTimeOffset holeStart, next;
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            var segments = (await db.RecordingSegments.Where(s => s.CameraId == new Vigie.Domain.CameraId(camera.Id)).ToListAsync(Ct)).OrderBy(s => s.StartsAt).ToList();
            var removed = segments.First(s => s.StartsAt >= first.AddSeconds(11));
            (holeStart, next) = (removed.StartsAt.ToUniversalTime(), segments[segments.IndexOf(removed) + 1].StartsAt.ToUniversalTime());
            db.RecordingSegments.Remove(removed);
            await db.SaveChangesAsync(Ct);
            File.Delete(Path.Combine(host.DataFolder, "recordings", removed.Path));
        }

        // An hour before the first recording: it starts there, and its frames come without waiting for a "want".
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        await socket.ConnectAsync(PlaybackUri(host.BaseAddress, camera.Id, first.AddHours(-1)), Ct);
        var messages = new Messages(socket);
        var seeked = await NextTextAsync(messages);
        Assert.Equal(first, seeked.GetProperty("start").GetDateTimeOffset(), TimeSpan.FromMilliseconds(5));
        var received = await CollectAsync(messages, TimeSpan.FromSeconds(2));
        Assert.NotEmpty(received);
        Assert.Equal(first, received[0].At, TimeSpan.FromMilliseconds(1));
        Assert.True(received[^1].At >= first.AddSeconds(8).AddMilliseconds(-1) && received[^1].At < first.AddSeconds(10), $"read-ahead from the first frame: {received[^1].At:O}");

        // Asked to read up to just inside the hole: everything before it comes, then where the recordings resume.
        await SendAsync(socket, new { type = "want", until = holeStart.AddMilliseconds(500) });
        var resume = await NextTextAsync(messages, skipBinary: true, type: "next");
        Assert.Equal(next, resume.GetProperty("at").GetDateTimeOffset(), TimeSpan.FromMilliseconds(5));

        // A seek into the hole plays from the next recording, at once.
        await SendAsync(socket, new { type = "seek", at = holeStart.AddMilliseconds(700), seq = 2 });
        var inHole = await NextTextAsync(messages, skipBinary: true, type: "seeked");
        Assert.Equal(2, inHole.GetProperty("seq").GetInt32());
        Assert.Equal(next, inHole.GetProperty("start").GetDateTimeOffset(), TimeSpan.FromMilliseconds(5));
        var after = await CollectAsync(messages, TimeSpan.FromSeconds(2));
        Assert.NotEmpty(after);
        Assert.Equal(next, after[0].At, TimeSpan.FromMilliseconds(1));

        // What the page asks when nothing plays: the recorded range, the minute being written included.
        using var client = await host.ClientAsync("op");
        var range = await client.GetFromJsonAsync<Vigie.Server.Playback.RecordedRangeDto>($"/api/cameras/{camera.Id}/recordings/range", Ct);
        Assert.NotNull(range);
        Assert.Equal(first, range.First!.Value, TimeSpan.FromMilliseconds(1));
        Assert.InRange(TimeProvider.System.GetUtcNow() - range.Last!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_refusal_and_nothing_is_audited_as_played()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Time = TimeProvider.System });
        var mine = await host.CreateSiteAsync("Mon site");
        var other = await host.CreateSiteAsync("Autre site");
        var myCamera = await host.CreateCameraAsync(mine, "Hall");
        var otherCamera = await host.CreateCameraAsync(other, "Réserve");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        await host.CreatePersonAsync("auditor", Role.Auditor, [mine]);
        var op = await host.SessionCookieAsync("op");
        var auditor = await host.SessionCookieAsync("auditor");
        var now = TimeProvider.System.GetUtcNow();

        Assert.Equal(HttpStatusCode.Forbidden, await VideoSockets.UpgradeStatusAsync(PlaybackUri(host.BaseAddress, otherCamera.Id, now), op));
        Assert.Equal(HttpStatusCode.NotFound, await VideoSockets.UpgradeStatusAsync(PlaybackUri(host.BaseAddress, Guid.NewGuid(), now), op));
        Assert.Equal(HttpStatusCode.Forbidden, await VideoSockets.UpgradeStatusAsync(PlaybackUri(host.BaseAddress, myCamera.Id, now), auditor));
        Assert.Equal(HttpStatusCode.Unauthorized, await VideoSockets.UpgradeStatusAsync(PlaybackUri(host.BaseAddress, myCamera.Id, now), cookie: null));
        Assert.Equal(HttpStatusCode.Forbidden, await VideoSockets.UpgradeStatusAsync(PlaybackUri(host.BaseAddress, myCamera.Id, now), op, origin: "http://evil.example"));
        // Nothing recorded at or after the instant (this camera has no recording at all).
        Assert.Equal(HttpStatusCode.NotFound, await VideoSockets.UpgradeStatusAsync(PlaybackUri(host.BaseAddress, myCamera.Id, now.AddDays(-1)), op));
        Assert.Equal(HttpStatusCode.BadRequest, await VideoSockets.UpgradeStatusAsync(new Uri($"ws://{host.BaseAddress.Authority}/api/cameras/{myCamera.Id}/playback?at=hier"), op));
        Assert.Equal(HttpStatusCode.BadRequest, await VideoSockets.UpgradeStatusAsync(new Uri($"ws://{host.BaseAddress.Authority}/api/cameras/{myCamera.Id}/playback"), op));

        using var client = await host.ClientAsync("op");
        var plain = await client.GetAsync(new Uri($"/api/cameras/{myCamera.Id}/playback?at=2026-01-01T00:00:00Z", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        var missing = await OpenNotFoundBodyAsync(host, myCamera.Id, op, now);
        Assert.Contains("playback.no_recording", missing, StringComparison.Ordinal);

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.False(await db.LogbookEntries.AnyAsync(e => e.Category == AuditCategory.PlaybackStarted || e.Category == AuditCategory.PlaybackStopped, Ct));
    }

    private static Uri PlaybackUri(Uri baseAddress, Guid camera, DateTimeOffset at) =>
        new($"ws://{baseAddress.Authority}/api/cameras/{camera}/playback?at={Uri.EscapeDataString(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}");

    /// <summary>The problem body of a refused upgrade, read with a raw HTTP request.</summary>
    private static async Task<string> OpenNotFoundBodyAsync(TestHost host, Guid camera, string cookie, DateTimeOffset at)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var path = PlaybackUri(host.BaseAddress, camera, at).PathAndQuery;
        var request = $"GET {path} HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\n" +
            $"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    private static async Task<(DateTimeOffset First, DateTimeOffset Last)> WaitForRecordingsAsync(TestHost host, Guid camera, TimeSpan span)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = host.Service<VigieDbFactory>().CreateDbContext();
            var segments = await db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == new Vigie.Domain.CameraId(camera)).ToListAsync(Ct);
            if (segments.Count > 0 && segments.Max(s => s.EndsAt) - segments.Min(s => s.StartsAt) >= span)
            {
                return (segments.Min(s => s.StartsAt).ToUniversalTime(), segments.Max(s => s.EndsAt).ToUniversalTime());
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("the camera was never recorded");
        return default;
    }

    private sealed record Binary(byte Kind, DateTimeOffset At, byte[] Body);

    /// <summary>Reads every message of the socket into a queue, so a test can wait for one with a time limit without aborting the socket.</summary>
    private sealed class Messages
    {
        private readonly System.Threading.Channels.Channel<(WebSocketMessageType Type, byte[] Bytes)> _queue = System.Threading.Channels.Channel.CreateUnbounded<(WebSocketMessageType, byte[])>();

        public Messages(ClientWebSocket socket) => _ = PumpAsync(socket);

        public async Task<(WebSocketMessageType Type, byte[] Bytes)?> NextAsync(TimeSpan within)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(within);
            try
            {
                return await _queue.Reader.ReadAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                return null;
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                return null;
            }
        }

        private async Task PumpAsync(ClientWebSocket socket)
        {
            var buffer = new byte[8 * 1024 * 1024];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    _queue.Writer.TryWrite((result.MessageType, buffer[..length]));
                }
            }
            catch (WebSocketException)
            {
                // The socket closed under the pump: the queue ends.
            }

            _queue.Writer.TryComplete();
        }
    }

    private static async Task<JsonElement> NextTextAsync(Messages messages, bool skipBinary = false, string? type = null)
    {
        while (true)
        {
            var message = await messages.NextAsync(TimeSpan.FromSeconds(20));
            Assert.True(message is not null, $"no {type ?? "text"} message within 20 s");
            var (kind, bytes) = message!.Value;
            if (kind == WebSocketMessageType.Text)
            {
                var element = JsonDocument.Parse(bytes).RootElement.Clone();
                if (type is null || element.GetProperty("type").GetString() == type)
                {
                    return element;
                }

                continue;
            }

            Assert.True(skipBinary, "a binary message came before the expected text message");
        }
    }

    private static async Task<Binary> NextBinaryAsync(Messages messages)
    {
        var message = await messages.NextAsync(TimeSpan.FromSeconds(20));
        Assert.True(message is not null, "no binary message within 20 s");
        var (kind, bytes) = message!.Value;
        Assert.Equal(WebSocketMessageType.Binary, kind);
        return new Binary(bytes[0], DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1))), bytes[9..]);
    }

    /// <summary>Fragments received until nothing comes for <paramref name="quiet"/> (text messages are skipped).</summary>
    /// <summary>
    /// The fragments that come until none has for <paramref name="quiet"/>; when the test knows one at or past
    /// <paramref name="reached"/> must come, waits up to 30 s for it first (a host loaded by the other tests can
    /// pause longer than the quiet time), then the quiet time for anything beyond.
    /// </summary>
    private static async Task<List<Binary>> CollectAsync(Messages messages, TimeSpan quiet, DateTimeOffset? reached = null)
    {
        var fragments = new List<Binary>();
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (await messages.NextAsync(reached is { } target && (fragments.Count == 0 || fragments[^1].At < target) ? Later(deadline - TimeProvider.System.GetUtcNow(), quiet) : quiet) is { } message)
        {
            var (kind, bytes) = message;
            if (kind == WebSocketMessageType.Binary && bytes[0] == 2)
            {
                Assert.Equal("moof"u8.ToArray(), bytes.AsSpan(9 + 4, 4).ToArray());
                fragments.Add(new Binary(2, DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1))), bytes[9..]));
            }
        }

        return fragments;

        static TimeSpan Later(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }

    private static Task SendAsync<T>(ClientWebSocket socket, T message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, Ct);

}
