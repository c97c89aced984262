namespace Vigie.Domain.Recordings;

/// <summary>
/// One complete recording file of a camera (fMP4, cut at a keyframe). A row exists only for a file that
/// is complete on disk (ARCHITECTURE principle 4); <see cref="Path"/> is relative to the recordings root.
/// </summary>
public sealed class RecordingSegment
{
    private RecordingSegment()
    {
        Path = string.Empty;
        Codec = string.Empty;
    }

    public RecordingSegment(CameraId cameraId, DateTimeOffset startsAt, DateTimeOffset endsAt, string path, long bytes, int frames, int keyframes, string codec, int width, int height)
    {
        if (endsAt < startsAt)
        {
            throw new DomainException("segment.range_invalid", "A segment cannot end before it starts.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        CameraId = cameraId;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Path = path;
        Bytes = bytes;
        Frames = frames;
        Keyframes = keyframes;
        Codec = codec;
        Width = width;
        Height = height;
        State = SegmentState.Complete;
    }

    public long Id { get; private set; }

    public CameraId CameraId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string Path { get; private set; }

    public long Bytes { get; private set; }

    public int Frames { get; private set; }

    public int Keyframes { get; private set; }

    /// <summary>"h264" or "h265".</summary>
    public string Codec { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public SegmentState State { get; private set; }

    public TimeSpan Duration => EndsAt - StartsAt;

    public void MarkMissing() => State = SegmentState.Missing;
}
