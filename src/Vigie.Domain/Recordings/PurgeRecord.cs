namespace Vigie.Domain.Recordings;

/// <summary>One line of the purge log: what was deleted, when and why. Kept after the file is gone.</summary>
public sealed class PurgeRecord
{
    private PurgeRecord()
    {
        Path = string.Empty;
    }

    public PurgeRecord(RecordingSegment segment, PurgeReason reason, DateTimeOffset purgedAt)
    {
        ArgumentNullException.ThrowIfNull(segment);
        CameraId = segment.CameraId;
        SegmentStart = segment.StartsAt;
        SegmentEnd = segment.EndsAt;
        Path = segment.Path;
        Bytes = segment.Bytes;
        Reason = reason;
        PurgedAt = purgedAt;
    }

    public long Id { get; private set; }

    public CameraId CameraId { get; private set; }

    public DateTimeOffset SegmentStart { get; private set; }

    public DateTimeOffset SegmentEnd { get; private set; }

    public string Path { get; private set; }

    public long Bytes { get; private set; }

    public PurgeReason Reason { get; private set; }

    public DateTimeOffset PurgedAt { get; private set; }
}
