namespace Vigie.Media.Playback;

/// <summary>Where a <see cref="PlaybackCursor"/> finds the segments of one camera (the recording index).</summary>
public interface IRecordedSegmentSource
{
    /// <summary>Up to <paramref name="max"/> complete segments that end after <paramref name="instant"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<RecordedSegmentRef>> EndingAfterAsync(DateTimeOffset instant, int max, CancellationToken cancellationToken);

    /// <summary>The segment being written now, after every indexed one; null when the camera is not being recorded.</summary>
    GrowingSegment? Growing();
}
