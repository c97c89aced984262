using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Recordings;
using Vigie.Storage.Database;
using Vigie.Storage.Recordings;

namespace Vigie.Server.Recording;

/// <summary>
/// Reads the recording index (segments, gaps, legal holds) of one camera for the API and the console's
/// recordings page. The camera's site is checked against the actor before any row is read: unknown
/// camera → <see cref="NotFoundException"/>, another site's camera → <see cref="AccessDeniedException"/>,
/// as for every other camera call.
/// </summary>
public sealed class RecordingIndexService(VigieDbFactory dbFactory)
{
    public async Task<RecordingsDto> ListAsync(Actor actor, CameraId cameraId, RecordingWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cameraId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        actor.DemandSite(camera.SiteId);

        var segments = await RecordingQueries.SegmentsAsync(db, cameraId, window.From, window.To, cancellationToken).ConfigureAwait(false);
        var gaps = await RecordingQueries.GapsAsync(db, cameraId, window.From, window.To, cancellationToken).ConfigureAwait(false);
        var holds = await RecordingQueries.ActiveHoldsAsync(db, cameraId, window.From, window.To, cancellationToken).ConfigureAwait(false);
        var motion = await RecordingQueries.MotionAsync(db, cameraId, window.From, window.To, cancellationToken).ConfigureAwait(false);

        var segmentRows = segments.Select(s => RecordedSegmentDto.From(s, RetentionPlanner.IsHeld(s, holds))).ToList();
        var gapRows = gaps.Select(RecordingGapDto.From).ToList();
        var totals = new RecordingTotalsDto(
            RecordedSeconds: segments.Where(s => s.State == SegmentState.Complete).Sum(s => SecondsWithin(window, s.StartsAt, s.EndsAt)),
            MissingSeconds: segments.Where(s => s.State == SegmentState.Missing).Sum(s => SecondsWithin(window, s.StartsAt, s.EndsAt)),
            GapSeconds: gaps.Sum(g => SecondsWithin(window, g.StartsAt, g.EndsAt)),
            Bytes: segments.Where(s => s.State == SegmentState.Complete).Sum(s => s.Bytes),
            Segments: segments.Count,
            Gaps: gaps.Count);
        return new RecordingsDto(camera.Id.Value, camera.Name, camera.SiteId.Value, window.From, window.To,
            segmentRows, gapRows, [.. holds.Select(h => LegalHoldService.HoldDto.Of(h))], totals, motion.Select(MotionRangeDto.From).ToList());
    }

    /// <summary>The days (in <paramref name="zone"/>) on which the camera has indexed segments, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysAsync(Actor actor, CameraId cameraId, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.SitesRead);
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cameraId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        actor.DemandSite(camera.SiteId);
        return await RecordingQueries.DaysAsync(db, cameraId, zone, cancellationToken).ConfigureAwait(false);
    }

    private static double SecondsWithin(RecordingWindow window, DateTimeOffset start, DateTimeOffset end)
    {
        var from = start > window.From ? start : window.From;
        var to = end < window.To ? end : window.To;
        return to > from ? (to - from).TotalSeconds : 0;
    }
}
