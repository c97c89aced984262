using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;
using Vigie.Media.Playback;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Recordings;

namespace Vigie.Server.Recording;

/// <summary>
/// The recorded segment files of a camera over a range, with their full paths, for readers of recorded
/// video (snapshots, exports): the index's complete segments, then the segment being recorded now (so
/// the last seconds can be captured or exported at once). The caller has checked the actor's access to
/// the camera.
/// </summary>
public sealed class RecordedSegmentLookup(VigieDbFactory dbFactory, VigieHostOptions options, ICameraRecorders recorders)
{
    /// <summary>Segments overlapping [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<RecordedSegmentRef>> OverlappingAsync(CameraId camera, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var segments = await RecordingQueries.SegmentsAsync(db, camera, from, to, cancellationToken).ConfigureAwait(false);
        List<RecordedSegmentRef> found = [.. segments.Where(s => s.State == SegmentState.Complete)
            .Select(s => new RecordedSegmentRef(Path.Combine(options.RecordingsFolder, s.Path), s.StartsAt, s.EndsAt))];
        var now = options.Time.GetUtcNow();
        if (recorders.RecorderOf(camera)?.Growing is { } growing
            && growing.StartsAt < to && now > from && (found.Count == 0 || growing.StartsAt >= found[^1].EndsAt))
        {
            found.Add(new RecordedSegmentRef("(segment being recorded)", growing.StartsAt, now, growing));
        }

        return found;
    }

    /// <summary>The complete segment that covers <paramref name="instant"/>, if any.</summary>
    public async Task<RecordedSegmentRef?> AtAsync(CameraId camera, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var found = await OverlappingAsync(camera, instant, instant.AddTicks(1), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[^1];
    }
}
