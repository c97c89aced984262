namespace Vigie.Domain.Recordings;

/// <summary>
/// Decides which segments to delete. Two rules, in this order:
/// 1. every segment that ended more than its camera's retention ago goes (CSI L252-5);
/// 2. while free space (after rule 1) is under the high-water mark, the oldest remaining segments go.
/// A segment covered by an active legal hold is never chosen by either rule, even if that leaves the
/// disk under the mark (the caller then raises a technical alarm). Pure: no clock, no I/O.
/// </summary>
public static class RetentionPlanner
{
    public static IReadOnlyList<PurgeDecision> Plan(
        IEnumerable<RecordingSegment> segments,
        IReadOnlyCollection<LegalHold> holds,
        Func<CameraId, int> retentionDays,
        DateTimeOffset now,
        long freeBytes,
        long minimumFreeBytes)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(holds);
        ArgumentNullException.ThrowIfNull(retentionDays);

        var decisions = new List<PurgeDecision>();
        var remaining = new List<RecordingSegment>();
        foreach (var segment in segments.Where(s => s.State == SegmentState.Complete).OrderBy(s => s.StartsAt))
        {
            if (IsHeld(segment, holds))
            {
                continue;
            }

            if (IsExpired(segment, retentionDays(segment.CameraId), now))
            {
                decisions.Add(new PurgeDecision(segment, PurgeReason.RetentionExpired));
                freeBytes += segment.Bytes;
            }
            else
            {
                remaining.Add(segment);
            }
        }

        foreach (var segment in remaining)
        {
            if (freeBytes >= minimumFreeBytes)
            {
                break;
            }

            decisions.Add(new PurgeDecision(segment, PurgeReason.LowDiskSpace));
            freeBytes += segment.Bytes;
        }

        return decisions;
    }

    /// <summary>The instant before which a camera's segments are expired: its retention, never more than 30 days (CSI L252-5).</summary>
    public static DateTimeOffset ExpiryCutoff(int retentionDays, DateTimeOffset now) =>
        now - TimeSpan.FromDays(Math.Min(retentionDays, Cameras.Camera.MaxRetentionDays));

    /// <summary>Rule 1 for one segment: it ended more than its camera's retention ago (legal holds are checked apart).</summary>
    public static bool IsExpired(RecordingSegment segment, int retentionDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segment.State == SegmentState.Complete && segment.EndsAt <= ExpiryCutoff(retentionDays, now);
    }

    public static bool IsHeld(RecordingSegment segment, IEnumerable<LegalHold> holds)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return holds.Any(h => h.Covers(segment.CameraId, segment.StartsAt, segment.EndsAt));
    }
}
