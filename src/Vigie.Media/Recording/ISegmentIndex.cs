namespace Vigie.Media.Recording;

/// <summary>
/// Where the recorder reports complete segments. Media never references storage: the host wires this to
/// the database; the one-shot `vigie record` keeps them in memory. Called on the camera's ingest thread:
/// implementations queue, they do not block on I/O.
/// </summary>
public interface ISegmentIndex
{
    void OnSegmentCompleted(CompletedSegment segment);

    /// <summary>A span a camera was not recorded (it was away). Ignored by default: only the host's index keeps gaps.</summary>
    void OnGap(Domain.CameraId camera, DateTimeOffset from, DateTimeOffset to, string reason)
    {
    }
}
