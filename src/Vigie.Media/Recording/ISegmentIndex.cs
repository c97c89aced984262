namespace Vigie.Media.Recording;

/// <summary>
/// Where the recorder reports complete segments. Media never references storage: the host wires this to
/// the database; the one-shot `vigie record` keeps them in memory. Called on the camera's ingest thread:
/// implementations queue, they do not block on I/O.
/// </summary>
public interface ISegmentIndex
{
    void OnSegmentCompleted(CompletedSegment segment);
}
