using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Recordings;
using Vigie.Media.Retention;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>The retention executor's view of the recording index, in the database.</summary>
public sealed class DbRetentionStore(VigieDbFactory dbFactory) : IRetentionStore
{
    public async Task<RetentionState> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var segments = await db.RecordingSegments.AsNoTracking().Where(s => s.State == SegmentState.Complete).ToListAsync(cancellationToken).ConfigureAwait(false);
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        var retention = await db.Cameras.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.RetentionDays, cancellationToken).ConfigureAwait(false);
        return new RetentionState(segments, holds, retention);
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
