using System.Globalization;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Media.Export;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Live;
using Vigie.Server.Api;
using Vigie.Server.Audit;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hosting;
using Vigie.Media.Cameras;
using Vigie.Server.Recording;

namespace Vigie.Server.Snapshots;

/// <summary>
/// Takes a JPEG of a camera, live or at a recorded instant, for a person allowed to watch it (video view
/// permission, camera of one of their sites), and writes who took what in the audit journal. Refusals
/// (unknown camera, other site, nothing recorded then) are thrown before any picture is decoded and are
/// never audited as taken.
/// </summary>
public sealed class SnapshotService(
    SiteService sites,
    RecordedSegmentLookup segments,
    AuditLog audit,
    VigieHostOptions options,
    ICameraRecorders recorders,
    Features.Masks.MaskService masks,
    Media.Masks.MaskBurner burner,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Vigie.Server.Snapshots");

    /// <summary>Parses the <c>at</c> query value: ISO 8601, an offset or Z (UTC assumed without one).</summary>
    public static DateTimeOffset ParseInstant(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new DomainException("snapshot.instant_invalid", $"'{value}' is not a date and time (ISO 8601, e.g. 2026-11-29T10:15:30Z).", "at");

    public async Task<Snapshot> TakeAsync(Actor actor, CameraId cameraId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.VideoView);
        var camera = await sites.GetCameraAsync(actor, cameraId, cancellationToken).ConfigureAwait(false);
        var snapshot = at is { } instant
            ? await RecordedAsync(camera, instant.ToUniversalTime(), cancellationToken).ConfigureAwait(false)
            : await LiveAsync(camera, cancellationToken).ConfigureAwait(false);
        // A camera masked by the server: unless this person lifted its masks, the picture leaves with them burned in.
        if (await masks.ServerMaskForAsync(actor, cameraId, cancellationToken).ConfigureAwait(false) is { } mask)
        {
            snapshot = snapshot with { Jpeg = await burner.BurnJpegAsync(snapshot.Jpeg, mask.Polygons, WorkFolder, cancellationToken).ConfigureAwait(false) };
        }

        var text = snapshot.Recorded
            ? string.Create(CultureInfo.InvariantCulture, $"Capture d'image enregistrée — caméra « {camera.Name} », image du {snapshot.At:yyyy-MM-dd HH:mm:ss.fff} UTC.")
            : $"Capture d'image en direct — caméra « {camera.Name} ».";
        var references = snapshot.Recorded
            ? string.Create(CultureInfo.InvariantCulture, $"camera:{camera.Id} instant:{snapshot.At:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}")
            : $"camera:{camera.Id}";
        await audit.WriteAsync(AuditCategory.SnapshotTaken, text, actor, new SiteId(camera.SiteId), references, cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    private async Task<Snapshot> RecordedAsync(CameraDto camera, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var segment = await segments.AtAsync(new CameraId(camera.Id), at, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(string.Create(CultureInfo.InvariantCulture,
                $"Nothing is recorded for camera « {camera.Name} » at {at:yyyy-MM-dd HH:mm:ss} UTC (a gap, before the oldest recording, or the minute being recorded now): pick an instant on a recorded range."));
        var shot = await RecordedSnapshot.TakeAsync(segment, at, Ffmpeg(), WorkFolder, _logger, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(string.Create(CultureInfo.InvariantCulture,
                $"The recording of camera « {camera.Name} » at {at:yyyy-MM-dd HH:mm:ss} UTC cannot be read or decoded."));
        return new Snapshot(shot.Jpeg, camera, shot.FrameAt, Recorded: true);
    }

    private async Task<Snapshot> LiveAsync(CameraDto camera, CancellationToken cancellationToken)
    {
        var recorder = recorders.RecorderOf(new CameraId(camera.Id));
        if (recorder is null || recorder.Health.State is Media.Ingest.CameraState.Offline or Media.Ingest.CameraState.Misconfigured)
        {
            throw new UnavailableException("This camera sends no picture right now: no snapshot.");
        }

        var takenAt = options.Time.GetUtcNow();
        var recent = recorder.PreAlarm.TakeClip();
        byte[]? jpeg;
        try
        {
            jpeg = await LiveSnapshot.TakeAsync(recent, Ffmpeg(), WorkFolder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var unit in recent)
            {
                unit.Release();
            }
        }

        return jpeg is null
            ? throw new UnavailableException("No decodable picture from this camera yet: try again in a second.")
            : new Snapshot(jpeg, camera, takenAt, Recorded: false);
    }

    private string WorkFolder => Path.Combine(options.DataFolder, "tmp");

    private FfmpegRunner Ffmpeg() => new(_logger);
}
