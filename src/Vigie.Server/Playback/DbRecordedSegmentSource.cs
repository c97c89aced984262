using Vigie.Domain;
using Vigie.Media.Playback;
using Vigie.Storage.Database;
using Vigie.Storage.Recordings;

namespace Vigie.Server.Playback;

/// <summary>
/// The recordings of one camera as a <see cref="PlaybackCursor"/> reads them: the index's complete segments,
/// with their files' full paths, then the segment its recorder is writing now.
/// </summary>
public sealed class DbRecordedSegmentSource(VigieDbFactory dbFactory, CameraId camera, string recordingsFolder, Func<GrowingSegment?> growing) : IRecordedSegmentSource
{
    public GrowingSegment? Growing() => growing();

    public async ValueTask<IReadOnlyList<RecordedSegmentRef>> EndingAfterAsync(DateTimeOffset instant, int max, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await RecordingQueries.PlayableAfterAsync(db, camera, instant, max, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(s => new RecordedSegmentRef(Path.Combine(recordingsFolder, s.Path), s.StartsAt.ToUniversalTime(), s.EndsAt.ToUniversalTime()))];
    }
}
