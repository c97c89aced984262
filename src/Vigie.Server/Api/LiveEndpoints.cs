using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Media.Live;
using Vigie.Server.Audit;
using Vigie.Server.Hosting;
using Vigie.Server.Live;
using Vigie.Media.Cameras;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>
/// <c>GET /api/cameras/{id}/live</c>, a WebSocket carrying the camera's live fMP4 for Media Source
/// Extensions, without transcoding (docs/live.md has the message format):
/// <list type="bullet">
/// <item>text <c>{"type":"init","codec":"avc1.64001f","width":1280,"height":720}</c> before each init segment;</item>
/// <item>text <c>{"type":"state","state":"streaming|connecting|degraded|offline"}</c> when the camera's state changes;</item>
/// <item>binary: one byte kind (1 init, 2 fragment), eight bytes capture time (Unix ms, big-endian, 0 when
/// unknown), then the ftyp+moov or moof+mdat.</item>
/// </list>
/// </summary>
public static partial class LiveEndpoints
{
    private const int SocketSendBuffer = 256 * 1024;
    private static readonly TimeSpan StatePoll = TimeSpan.FromSeconds(1);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cameras/{id:guid}/live", ServeAsync).RequireAuthorization(Policies.VideoView);
        api.MapGet("/cameras/{id:guid}/snapshot", SnapshotAsync).RequireAuthorization(Policies.VideoView);

        // The signed-in person's named wall layouts.
        api.MapGet("/wall-layouts", async (CurrentActor me, WallLayoutService layouts, CancellationToken ct) =>
            TypedResults.Ok(await layouts.ListAsync(me, ct).ConfigureAwait(false))).RequireAuthorization(Policies.VideoView);
        api.MapPut("/wall-layouts/{name}", async (string name, WallLayoutService.LayoutInput input, CurrentActor me, WallLayoutService layouts, CancellationToken ct) =>
            TypedResults.Ok(await layouts.SaveAsync(me, name, input, ct).ConfigureAwait(false))).RequireAuthorization(Policies.VideoView);
        api.MapDelete("/wall-layouts/{name}", async (string name, CurrentActor me, WallLayoutService layouts, CancellationToken ct) =>
        {
            await layouts.DeleteAsync(me, name, ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.VideoView);
    }

    /// <summary>
    /// A JPEG of the camera's newest frame, or with <c>at</c> (ISO 8601) of the frame recorded at or just
    /// before that instant, as a download named after the camera and the frame's UTC time.
    /// </summary>
    private static async Task<IResult> SnapshotAsync(Guid id, [Microsoft.AspNetCore.Mvc.FromQuery] string? at, CurrentActor me, Snapshots.SnapshotService snapshots, CancellationToken ct)
    {
        DateTimeOffset? instant = at is null ? null : Snapshots.SnapshotService.ParseInstant(at);
        var snapshot = await snapshots.TakeAsync(me, new CameraId(id), instant, ct).ConfigureAwait(false);
        return TypedResults.File(snapshot.Jpeg, "image/jpeg", snapshot.FileName);
    }

    private static async Task<IResult> ServeAsync(
        Guid id,
        HttpContext context,
        CurrentActor me,
        Features.Sites.SiteService sites,
        ICameraRecorders recorders,
        LiveStreams streams,
        Features.Masks.MaskService masks,
        AuditLog audit,
        VigieHostOptions options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Vigie.Server.Live");
        if (WebSocketOrigin.Refusal(context, logger, "Live stream") is { } refusal)
        {
            return refusal;
        }

        var actor = me.Actor;
        actor.Demand(Domain.Access.Permission.VideoView);
        // Scope: a camera of a site this person may not see is refused here, before any byte of video.
        var camera = await sites.GetCameraAsync(actor, new CameraId(id), context.RequestAborted).ConfigureAwait(false);
        var recorder = recorders.RecorderOf(new CameraId(camera.Id));
        if (recorder is null)
        {
            return TypedResults.Problem("This camera is not being received yet; try again in a few seconds.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var site = new SiteId(camera.SiteId);
        var started = options.Time.GetTimestamp();
        // One token for the start and the stop: the audit views pair them into a viewing session.
        var reference = $"camera:{camera.Id} view:{Guid.NewGuid():N}";
        await audit.WriteAsync(AuditCategory.LiveViewStarted, $"Visionnage en direct — caméra « {camera.Name} ».", actor, site, reference, context.RequestAborted).ConfigureAwait(false);
        LimitSendBuffer(context);
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var viewer = new LiveViewer();
        // A camera masked by the server: unless this person lifted its masks, only the masked stream reaches them.
        var mask = await masks.ServerMaskForAsync(actor, new CameraId(camera.Id), context.RequestAborted).ConfigureAwait(false);
        using (var lease = streams.Join(new CameraId(camera.Id), recorder, viewer, mask?.Polygons))
        {
            await StreamAsync(socket, viewer, recorder, options.Time, logger, camera.Name, context.RequestAborted).ConfigureAwait(false);
        }

        var watched = options.Time.GetElapsedTime(started);
        await audit.WriteAsync(
            AuditCategory.LiveViewStopped,
            string.Create(CultureInfo.InvariantCulture, $"Fin du visionnage en direct — caméra « {camera.Name} » ({watched.TotalSeconds:0} s, {viewer.Skipped} images sautées)."),
            actor,
            site,
            reference,
            CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(WebSocket socket, LiveViewer viewer, CameraRecorder recorder, TimeProvider time, ILogger logger, string camera, CancellationToken aborted)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var token = done.Token;
        // The browser sends nothing but a close; reading is how a close (or a dead peer) is seen.
        var receiving = DrainIncomingAsync(socket, token);
        var sending = SendChunksAsync(socket, viewer, recorder, time, token);
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
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "live stream ended", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            LogViewerGone(logger, camera, ex.Message);
        }
    }

    private static async Task DrainIncomingAsync(WebSocket socket, CancellationToken token)
    {
        var buffer = new byte[1024];
        while (!token.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends the viewer's chunks as they are queued, each as one binary message in one send (its header is
    /// in the chunk's buffer), and the camera's state when it changes (checked at most once a second, and
    /// at least once a second when no frame comes). One reusable time-out per viewer, on the injected clock:
    /// no timer is created per frame.
    /// </summary>
    private static async Task SendChunksAsync(WebSocket socket, LiveViewer viewer, CameraRecorder recorder, TimeProvider time, CancellationToken token)
    {
        string? lastState = null;
        var stateCheck = time.GetTimestamp();
        lastState = await SendStateIfChangedAsync(socket, recorder, lastState, token).ConfigureAwait(false);
        var wait = new PollWait(time, token);
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!viewer.Reader.TryRead(out var chunk))
                {
                    try
                    {
                        if (!await viewer.Reader.WaitToReadAsync(wait.Start(StatePoll)).ConfigureAwait(false))
                        {
                            return; // the stream ended (camera edited): the player reconnects
                        }
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        // No frame for a second: say whether the camera's state changed.
                        wait.Renew();
                        lastState = await SendStateIfChangedAsync(socket, recorder, lastState, token).ConfigureAwait(false);
                        stateCheck = time.GetTimestamp();
                        continue;
                    }

                    wait.Stop();
                    continue;
                }

                try
                {
                    if (chunk.Kind == LiveChunkKind.Init)
                    {
                        var track = chunk.Track!;
                        await SendJsonAsync(socket, new { type = "init", codec = track.CodecString, width = track.Width, height = track.Height }, token).ConfigureAwait(false);
                    }

                    await socket.SendAsync(chunk.Message, WebSocketMessageType.Binary, endOfMessage: true, token).ConfigureAwait(false);
                }
                finally
                {
                    chunk.Release();
                }

                if (time.GetElapsedTime(stateCheck) >= StatePoll)
                {
                    lastState = await SendStateIfChangedAsync(socket, recorder, lastState, token).ConfigureAwait(false);
                    stateCheck = time.GetTimestamp();
                }
            }
        }
        finally
        {
            wait.Dispose();
        }
    }

    private static async Task<string> SendStateIfChangedAsync(WebSocket socket, CameraRecorder recorder, string? last, CancellationToken token)
    {
        var state = CameraStatus.StateName(recorder.Health.State);
        if (state != last)
        {
            await SendJsonAsync(socket, new { type = "state", state }, token).ConfigureAwait(false);
        }

        return state;
    }

    private static Task SendJsonAsync<T>(WebSocket socket, T message, CancellationToken token) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, token);

    /// <summary>
    /// Live video must not age in the kernel: with Linux's send-buffer autotuning a viewer that stopped
    /// reading would hold up to 4 MB (seconds of video) in flight before its queue noticed. A fixed buffer
    /// of about half a second at 4 Mbit/s keeps the backlog in the viewer's queue, where it skips to the
    /// next keyframe.
    /// </summary>
    private static void LimitSendBuffer(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.SendBufferSize = SocketSendBuffer;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: live viewer gone ({Reason})")]
    private static partial void LogViewerGone(ILogger logger, string camera, string reason);
}
