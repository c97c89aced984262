using Vigie.Domain;
using Vigie.Domain.Recordings;

namespace Vigie.Media.Retention;

/// <summary>
/// What the retention executor reads and writes of the recording index. Media never references storage: the
/// host wires this to the database. Segments are read a page at a time, oldest first, per camera, so a
/// retention pass costs what it purges, not what the archive holds.
/// </summary>
public interface IRetentionStore
{
    /// <summary>The active legal holds, each camera's retention and the cameras that have segments.</summary>
    Task<RetentionState> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> complete segments of <paramref name="camera"/>, oldest first, starting after
    /// <paramref name="after"/> (when given) and before <paramref name="before"/> (when given).
    /// </summary>
    Task<IReadOnlyList<RecordingSegment>> OldestAsync(CameraId camera, DateTimeOffset? after, DateTimeOffset? before, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the purged segments from the index and appends one purge-log row each (what, when, why), all or
    /// none. Called after their files are deleted.
    /// </summary>
    Task RecordPurgesAsync(IReadOnlyList<PurgeDecision> purged, DateTimeOffset at, CancellationToken cancellationToken);
}
