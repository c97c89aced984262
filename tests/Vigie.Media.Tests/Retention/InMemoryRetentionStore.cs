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

    public Task<RetentionState> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new RetentionState([.. Segments], [.. Holds.Where(h => h.ReleasedAt is null)], new Dictionary<CameraId, int>(RetentionDays)));

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
