using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Retention;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>The retention executor's view of the recording index, in the database: every read is an index seek on (camera, start).</summary>
public sealed class DbRetentionStore(VigieDbFactory dbFactory) : IRetentionStore
{
    public async Task<RetentionState> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        // A camera keeps the shorter of its own retention and its site's authorised period.
        var retention = await db.Cameras.AsNoTracking()
            .Join(db.Sites.AsNoTracking(), c => c.SiteId, s => s.Id, (c, s) => new { c.Id, Days = c.RetentionDays < s.RetentionDays ? c.RetentionDays : s.RetentionDays })
            .ToDictionaryAsync(c => c.Id, c => c.Days, cancellationToken).ConfigureAwait(false);
        // Removed cameras may still have recordings: the cameras are read from the index, not the configuration.
        var recorded = await db.RecordingSegments.AsNoTracking().Select(s => s.CameraId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return new RetentionState(holds, retention, recorded);
    }

    public async Task<IReadOnlyList<RecordingSegment>> OldestAsync(CameraId camera, DateTimeOffset? after, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var query = db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == camera && s.State == SegmentState.Complete);
        if (after is { } from)
        {
            query = query.Where(s => s.StartsAt > from);
        }

        if (before is { } to)
        {
            query = query.Where(s => s.StartsAt < to);
        }

        return await query.OrderBy(s => s.StartsAt).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordPurgesAsync(IReadOnlyList<PurgeDecision> purged, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purged);
        if (purged.Count == 0)
        {
            return;
        }

        await using var db = dbFactory.CreateDbContext();
        foreach (var decision in purged)
        {
            db.PurgeLog.Add(new PurgeRecord(decision.Segment, decision.Reason, at));
            db.RecordingSegments.Remove(decision.Segment);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
