using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Retention;

namespace Vigie.Media.Tests.Retention;

/// <summary>The retention store port in memory: the index as a list, and the purge log in the order it was written.</summary>
internal sealed class InMemoryRetentionStore : IRetentionStore
{
    public List<RecordingSegment> Segments { get; } = [];

    public List<LegalHold> Holds { get; } = [];

    public Dictionary<CameraId, int> RetentionDays { get; } = [];

    public List<(string Path, PurgeReason Reason, DateTimeOffset At)> PurgeLog { get; } = [];

    /// <summary>Segments handed out by <see cref="OldestAsync"/>: a pass must read what it purges, not the whole index.</summary>
    public int SegmentsRead { get; private set; }

    public Task<RetentionState> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new RetentionState([.. Holds.Where(h => h.ReleasedAt is null)], new Dictionary<CameraId, int>(RetentionDays), [.. Segments.Select(s => s.CameraId).Distinct()]));

    public Task<IReadOnlyList<RecordingSegment>> OldestAsync(CameraId camera, DateTimeOffset? after, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<RecordingSegment> page = [.. Segments
            .Where(s => s.CameraId == camera && s.State == SegmentState.Complete && (after is null || s.StartsAt > after) && (before is null || s.StartsAt < before))
            .OrderBy(s => s.StartsAt)
            .Take(limit)];
        SegmentsRead += page.Count;
        return Task.FromResult(page);
    }

    public Task RecordPurgesAsync(IReadOnlyList<PurgeDecision> purged, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var decision in purged)
        {
            Segments.Remove(decision.Segment);
            PurgeLog.Add((decision.Segment.Path, decision.Reason, at));
        }

        return Task.CompletedTask;
    }
}
