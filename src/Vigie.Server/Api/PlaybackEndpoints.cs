using System.Buffers.Binary;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Media.Playback;
using Vigie.Server.Audit;
using Vigie.Server.Hosting;
using Vigie.Server.Playback;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Api;

/// <summary>
/// <c>GET /api/cameras/{id}/playback?at=ISO</c>, a WebSocket carrying a camera's recordings from an
/// instant as fMP4 for Media Source Extensions — the recorded bytes, only their decode times moved onto
/// the shared playback timeline (<see cref="PlaybackCursor"/>). docs/live.md has the message format:
/// <list type="bullet">
/// <item>server → client, text: <c>seeked</c> (the instant asked and the first frame's), <c>init</c>
/// before each init segment, <c>next</c> where the recordings resume after a gap ahead of the read-ahead,
/// <c>end</c> when the recordings stop for now, <c>error</c> for a refused seek;</item>
/// <item>server → client, binary: one byte kind (1 init, 2 fragment), eight bytes recorded time (Unix ms,
/// big-endian), then ftyp+moov or moof+mdat — the live stream's framing;</item>
/// <item>client → server, text: <c>{"type":"want","until":ISO}</c> (send fragments starting before that
/// recorded instant: the player's read-ahead, so a paused player receives nothing more) and
/// <c>{"type":"seek","at":ISO,"seq":n}</c>.</item>
/// </list>
/// The opening seek is checked before the upgrade: an instant with nothing recorded at or after it is a
/// 404, like an unknown camera; another site's camera is a 403. Start and end of a playback are audited
/// with the recorded range actually sent.
/// </summary>
public static partial class PlaybackEndpoints
{
    private const int HeaderLength = 9;

    /// <summary>What the server sends before the player's first <c>want</c>: enough to show the first picture at once.</summary>
    private static readonly TimeSpan InitialReadAhead = TimeSpan.FromSeconds(10);

    /// <summary>A hole in the recordings longer than this, ahead of what the player asked for, is announced with <c>next</c>.</summary>
    private static readonly TimeSpan GapWorthTelling = TimeSpan.FromSeconds(1);

    /// <summary>How often the end of the recordings is looked at again (a segment completes every minute).</summary>
    private static readonly TimeSpan EndPoll = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cameras/{id:guid}/playback", ServeAsync).RequireAuthorization(Policies.VideoView);
    }

    /// <summary>Reads an instant of the API (ISO 8601; without an offset it is UTC).</summary>
    public static DateTimeOffset ParseInstant(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            throw new DomainException("playback.instant_invalid", $"'{field}' must be an ISO 8601 instant such as 2026-11-29T23:00:00Z (in a URL, write a '+' offset as %2B).", field);
        }

        return instant.ToUniversalTime();
    }

    private static async Task<IResult> ServeAsync(
        Guid id,
        string? at,
        HttpContext context,
        CurrentActor me,
        Features.Sites.SiteService sites,
        VigieDbFactory dbFactory,
        ICameraRecorders recorders,
        Features.Masks.MaskService masks,
        AuditLog audit,
        VigieHostOptions options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Vigie.Server.Playback");
        if (WebSocketOrigin.Refusal(context, logger, "Playback") is { } refusal)
        {
            return refusal;
        }

        var actor = me.Actor;
        actor.Demand(Domain.Access.Permission.VideoView);
        var camera = await sites.GetCameraAsync(actor, new CameraId(id), context.RequestAborted).ConfigureAwait(false);
        var sought = ParseInstant(at, "at");
        var cameraId = new CameraId(camera.Id);
        // The recordings hold the raw picture: a camera masked by the server is played back only by who lifted its masks
        // (its exports and snapshots carry the masks).
        if (await masks.ServerMaskForAsync(actor, cameraId, context.RequestAborted).ConfigureAwait(false) is not null)
        {
            return TypedResults.Problem(
                $"Camera « {camera.Name} » is masked by the server: its recordings are played back by a supervisor who lifts its masks (with a reason); exports and snapshots carry the masks.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["code"] = "playback.masked" });
        }

        using var cursor = new PlaybackCursor(new DbRecordedSegmentSource(dbFactory, cameraId, options.RecordingsFolder, () => recorders.RecorderOf(cameraId)?.Growing), logger);
        var first = await cursor.SeekAsync(sought, context.RequestAborted).ConfigureAwait(false);
        if (first is null)
        {
            return TypedResults.Problem(
                $"Nothing of camera « {camera.Name} » is recorded at or after {Iso(sought)}.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["code"] = "playback.no_recording" });
        }

        var site = new SiteId(camera.SiteId);
        // One token for the start and the stop: the audit views pair them into a viewing session.
        var reference = $"camera:{camera.Id} view:{Guid.NewGuid():N}";
        await audit.WriteAsync(AuditCategory.PlaybackStarted, $"Relecture — caméra « {camera.Name} » à partir de {Iso(sought)}.", actor, site, reference, context.RequestAborted).ConfigureAwait(false);
        var session = new Session(cursor, sought, first.Value, options.Time);
        using (var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false))
        {
            await RunAsync(socket, session, logger, camera.Name, context.RequestAborted).ConfigureAwait(false);
        }

        var range = session.SentFrom is { } from && session.SentTo is { } to ? $"de {Iso(from)} à {Iso(to)}" : "aucune image envoyée";
        await audit.WriteAsync(
            AuditCategory.PlaybackStopped,
            string.Create(CultureInfo.InvariantCulture, $"Fin de relecture — caméra « {camera.Name} », images enregistrées {range} ({session.Seeks} recherche(s))."),
            actor,
            site,
            reference,
            CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static async Task RunAsync(WebSocket socket, Session session, ILogger logger, string camera, CancellationToken aborted)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var commands = Channel.CreateBounded<Command>(new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        var receiving = ReceiveAsync(socket, commands.Writer, logger, camera, done.Token);
        var sending = SendAsync(socket, session, commands.Reader, done.Token);
        try
        {
            await Task.WhenAny(receiving, sending).ConfigureAwait(false);
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(receiving, sending).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            LogViewerGone(logger, camera, ex.Message);
        }

        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "playback ended", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            LogViewerGone(logger, camera, ex.Message);
        }
    }

    private static async Task ReceiveAsync(WebSocket socket, ChannelWriter<Command> commands, ILogger logger, string camera, CancellationToken token)
    {
        var buffer = new byte[4096];
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType != WebSocketMessageType.Text || !result.EndOfMessage)
                {
                    LogBadMessage(logger, camera, "not a short text message");
                    continue;
                }

                if (Command.TryParse(buffer.AsSpan(0, result.Count), out var command, out var problem))
                {
                    await commands.WriteAsync(command!, token).ConfigureAwait(false);
                }
                else
                {
                    LogBadMessage(logger, camera, problem);
                    await commands.WriteAsync(new Command("invalid", null, 0, problem), token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            commands.TryComplete();
        }
    }

    private static async Task SendAsync(WebSocket socket, Session session, ChannelReader<Command> commands, CancellationToken token)
    {
        var header = new byte[HeaderLength];
        var until = ReadAheadFrom(session.Sought, session.FirstFrame);
        var active = true;
        var endSent = false;
        var nextSent = false;
        DateTimeOffset? sentUntil = null;
        PlaybackChunk? pending = null;
        await SendJsonAsync(socket, new { type = "seeked", seq = 0, at = session.Sought, start = session.FirstFrame }, token).ConfigureAwait(false);
        while (!token.IsCancellationRequested)
        {
            while (commands.TryRead(out var command))
            {
                switch (command.Type)
                {
                    case "want":
                        until = command.At!.Value;
                        break;
                    case "seek":
                        session.Seeks++;
                        pending = null;
                        endSent = false;
                        nextSent = false;
                        sentUntil = null;
                        var first = await session.Cursor.SeekAsync(command.At!.Value, token).ConfigureAwait(false);
                        active = first is not null;
                        if (first is { } start)
                        {
                            until = ReadAheadFrom(command.At!.Value, start);
                            await SendJsonAsync(socket, new { type = "seeked", seq = command.Seq, at = command.At, start }, token).ConfigureAwait(false);
                        }
                        else
                        {
                            await SendJsonAsync(socket, new { type = "error", seq = command.Seq, code = "playback.no_recording", message = $"Nothing is recorded at or after {Iso(command.At!.Value)}." }, token).ConfigureAwait(false);
                        }

                        break;
                    default:
                        await SendJsonAsync(socket, new { type = "error", seq = command.Seq, code = "playback.message_invalid", message = command.Problem }, token).ConfigureAwait(false);
                        break;
                }
            }

            if (active)
            {
                pending ??= await session.Cursor.NextAsync(token).ConfigureAwait(false);
                if (pending is { } chunk && chunk.Start < until)
                {
                    pending = null;
                    endSent = false;
                    nextSent = false;
                    await SendChunkAsync(socket, header, chunk, token).ConfigureAwait(false);
                    if (chunk.Kind == PlaybackChunkKind.Fragment)
                    {
                        session.Sent(chunk);
                        sentUntil = chunk.End;
                    }

                    continue;
                }

                // Held back past the read-ahead after a gap: say where the recordings resume, so that a player
                // whose cameras are all in the gap jumps there instead of waiting through it.
                if (pending is { } held && !nextSent && sentUntil is { } sent && held.Start - sent > GapWorthTelling)
                {
                    nextSent = true;
                    await SendJsonAsync(socket, new { type = "next", at = held.Start }, token).ConfigureAwait(false);
                }

                if (pending is null && !endSent)
                {
                    endSent = true;
                    await SendJsonAsync(socket, new { type = "end", at = session.Cursor.Position }, token).ConfigureAwait(false);
                }
            }

            // Nothing to send now: wait for the player (a want, a seek), or look at the index again (on the host's clock).
            using var poll = new CancellationTokenSource(EndPoll, session.Time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(token, poll.Token);
            try
            {
                if (!await commands.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // Poll: the camera may have completed a segment since.
            }
        }
    }

    private static async Task SendChunkAsync(WebSocket socket, byte[] header, PlaybackChunk chunk, CancellationToken token)
    {
        if (chunk.Kind == PlaybackChunkKind.Init && chunk.Track is { } track)
        {
            await SendJsonAsync(socket, new { type = "init", codec = track.CodecString, width = track.Width, height = track.Height }, token).ConfigureAwait(false);
        }

        header[0] = (byte)chunk.Kind;
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(1), chunk.Start.ToUnixTimeMilliseconds());
        await socket.SendAsync(header, WebSocketMessageType.Binary, endOfMessage: false, token).ConfigureAwait(false);
        await socket.SendAsync(chunk.Data, WebSocketMessageType.Binary, endOfMessage: true, token).ConfigureAwait(false);
    }

    private static Task SendJsonAsync<T>(WebSocket socket, T message, CancellationToken token) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, Json), WebSocketMessageType.Text, endOfMessage: true, token);

    /// <summary>
    /// The first read-ahead of a seek: from the first frame it found, not from the instant asked, which may lie
    /// long before it (before the first recording, in a gap): the player's first <c>want</c> is computed
    /// from the instant it shows, so it would never ask past the gap.
    /// </summary>
    private static DateTimeOffset ReadAheadFrom(DateTimeOffset sought, DateTimeOffset firstFrame) =>
        (firstFrame > sought ? firstFrame : sought) + InitialReadAhead;

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: playback viewer gone ({Reason})")]
    private static partial void LogViewerGone(ILogger logger, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: playback message refused ({Problem})")]
    private static partial void LogBadMessage(ILogger logger, string camera, string problem);

    /// <summary>One playback socket: its cursor, the host's clock and what it sent, for the audit.</summary>
    private sealed class Session(PlaybackCursor cursor, DateTimeOffset sought, DateTimeOffset firstFrame, TimeProvider time)
    {
        public TimeProvider Time { get; } = time;

        public PlaybackCursor Cursor { get; } = cursor;

        public DateTimeOffset Sought { get; } = sought;

        public DateTimeOffset FirstFrame { get; } = firstFrame;

        public int Seeks { get; set; }

        public DateTimeOffset? SentFrom { get; private set; }

        public DateTimeOffset? SentTo { get; private set; }

        public void Sent(PlaybackChunk chunk)
        {
            SentFrom = SentFrom is { } from && from <= chunk.Start ? from : chunk.Start;
            SentTo = SentTo is { } to && to >= chunk.End ? to : chunk.End;
        }
    }

    /// <summary>A message of the player: <c>want</c> or <c>seek</c>, with its instant.</summary>
    private sealed record Command(string Type, DateTimeOffset? At, long Seq, string Problem)
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out Command? command, out string problem)
        {
            command = null;
            problem = string.Empty;
            try
            {
                using var document = JsonDocument.Parse(utf8.ToArray());
                var root = document.RootElement;
                var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type is not ("want" or "seek"))
                {
                    problem = "'type' must be \"want\" or \"seek\".";
                    return false;
                }

                var field = type == "want" ? "until" : "at";
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                {
                    problem = $"'{field}' must be an ISO 8601 instant.";
                    return false;
                }

                var seq = root.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : 0;
                command = new Command(type, instant.ToUniversalTime(), seq, string.Empty);
                return true;
            }
            catch (JsonException)
            {
                problem = "not JSON.";
                return false;
            }
        }
    }
}
