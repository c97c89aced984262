using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Storage.Model;

namespace Vigie.Storage.Recordings;

/// <summary>
/// Reads of the recording index of one camera. The caller has already checked that the actor may see the
/// camera's site. Windows are half-open, [from, to): a row belongs to a window when any part of it falls
/// inside, so a segment that runs over midnight is listed on both days.
/// </summary>
public static class RecordingQueries
{
    /// <summary>Segments (complete or missing) overlapping the window, by start time.</summary>
    public static async Task<IReadOnlyList<RecordingSegment>> SegmentsAsync(
        VigieDbContext db, CameraId camera, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Npgsql only accepts UTC instants for timestamptz parameters.
        var start = from.ToUniversalTime();
        var end = to.ToUniversalTime();
        return await db.RecordingSegments.AsNoTracking()
            .Where(s => s.CameraId == camera && s.StartsAt < end && s.EndsAt > start)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// How far back a segment containing an instant may start: segments are cut every minute by default
    /// (at the next keyframe), so two hours bounds the index range scan with room for any configuration.
    /// </summary>
    public static readonly TimeSpan LongestSegment = TimeSpan.FromHours(2);

    /// <summary>Complete segments that end after <paramref name="instant"/>, oldest first (what playback reads next).</summary>
    public static async Task<IReadOnlyList<RecordingSegment>> PlayableAfterAsync(
        VigieDbContext db, CameraId camera, DateTimeOffset instant, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var at = instant.ToUniversalTime();
        var earliestStart = at - LongestSegment;
        return await db.RecordingSegments.AsNoTracking()
            .Where(s => s.CameraId == camera && s.StartsAt >= earliestStart && s.EndsAt > at && s.State == SegmentState.Complete)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Take(max)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The start of the camera's oldest complete segment and the end of its newest (null, null without any):
    /// the recorded range playback can read in the index. Two seeks on (camera, start).
    /// </summary>
    public static async Task<(DateTimeOffset? First, DateTimeOffset? Last)> PlayableRangeAsync(
        VigieDbContext db, CameraId camera, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var complete = db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == camera && s.State == SegmentState.Complete);
        var first = await complete.OrderBy(s => s.StartsAt).Select(s => new Span(s.StartsAt, s.EndsAt)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return (null, null);
        }

        // Segments of one camera follow each other without overlapping: the newest to start is the newest to end.
        var last = await complete.OrderByDescending(s => s.StartsAt).Select(s => new Span(s.StartsAt, s.EndsAt)).FirstAsync(cancellationToken).ConfigureAwait(false);
        return (first.Start.ToUniversalTime(), last.End.ToUniversalTime());
    }

    /// <summary>Gaps overlapping the window, by start time; a zero-length gap counts when it lies inside.</summary>
    public static async Task<IReadOnlyList<RecordingGap>> GapsAsync(
        VigieDbContext db, CameraId camera, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = from.ToUniversalTime();
        var end = to.ToUniversalTime();
        return await db.RecordingGaps.AsNoTracking()
            .Where(g => g.CameraId == camera && g.StartsAt < end && (g.EndsAt > start || g.StartsAt >= start))
            .OrderBy(g => g.StartsAt).ThenBy(g => g.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Motion ranges overlapping the window, by start time.</summary>
    public static async Task<IReadOnlyList<Domain.Cameras.MotionRange>> MotionAsync(
        VigieDbContext db, CameraId camera, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = from.ToUniversalTime();
        var end = to.ToUniversalTime();
        return await db.MotionRanges.AsNoTracking()
            .Where(m => m.CameraId == camera && m.StartsAt < end && m.EndsAt >= start)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Active legal holds of the camera that overlap the window, by start time.</summary>
    public static async Task<IReadOnlyList<LegalHold>> ActiveHoldsAsync(
        VigieDbContext db, CameraId camera, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = from.ToUniversalTime();
        var end = to.ToUniversalTime();
        return await db.LegalHolds.AsNoTracking()
            .Where(h => h.CameraId == camera && h.ReleasedAt == null && h.From < end && h.To > start)
            .OrderBy(h => h.From)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The days, in <paramref name="zone"/>, on which the camera has at least one indexed segment (complete
    /// or missing), oldest first. A loose index scan: per day found, two seeks on (camera, start) and a
    /// jump to the next day, so the cost follows the number of days, not the tens of thousands of
    /// segments a month holds. A camera's segments follow each other without overlapping (one recorder
    /// per camera), so the only segment that can run into a day from before is the last one started earlier.
    /// </summary>
    public static async Task<IReadOnlyList<DateOnly>> DaysAsync(
        VigieDbContext db, CameraId camera, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var days = new List<DateOnly>();
        var segments = db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == camera);
        DateTimeOffset? boundary = null;
        while (true)
        {
            Span? found = null;
            if (boundary is { } dayStart)
            {
                var earlier = await segments.Where(s => s.StartsAt < dayStart).OrderByDescending(s => s.StartsAt)
                    .Select(s => new Span(s.StartsAt, s.EndsAt)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (earlier is not null && earlier.End > dayStart)
                {
                    found = earlier with { Start = dayStart };
                }
            }

            if (found is null)
            {
                var query = boundary is { } b ? segments.Where(s => s.StartsAt >= b) : segments;
                found = await query.OrderBy(s => s.StartsAt)
                    .Select(s => new Span(s.StartsAt, s.EndsAt)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            }

            if (found is null)
            {
                return days;
            }

            var first = DayOf(found.Start, zone);
            // The end is exclusive: a segment that stops exactly at midnight does not reach the next day.
            var last = found.End > found.Start ? DayOf(found.End.AddTicks(-1), zone) : first;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                days.Add(day);
            }

            boundary = StartOf(last.AddDays(1), zone);
        }
    }

    /// <summary>The calendar day of an instant in a time zone.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant a calendar day starts in a time zone (its local midnight), in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private sealed record Span(DateTimeOffset Start, DateTimeOffset End);
}
