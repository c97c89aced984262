using Vigie.Domain.Recordings;

namespace Vigie.Media.Retention;

/// <summary>
/// What the retention executor reads and writes of the recording index. Media never references storage: the
/// host wires this to the database.
/// </summary>
public interface IRetentionStore
{
    /// <summary>The complete segments, the active legal holds and each camera's retention.</summary>
    Task<RetentionState> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Removes the purged segments from the index and appends one purge-log row each (what, when, why), all or
    /// none. Called after their files are deleted.
    /// </summary>
    Task RecordPurgesAsync(IReadOnlyList<PurgeDecision> purged, DateTimeOffset at, CancellationToken cancellationToken);
}
