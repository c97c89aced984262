namespace Vigie.Media.Export;

/// <summary>
/// Tells a reader going through frames in decode order when it has read every frame shown before an instant.
/// Decode times are the presentation times sorted (<see cref="Ingest.DecodeTimeline"/>), so the frames decoded
/// before the instant are exactly as many as those shown before it: once a frame is decoded at or after
/// the instant and as many frames shown before it have been read as were decoded before it, none is left.
/// A cap of <see cref="Ingest.DecodeTimeline.MaxDepth"/> frames past the instant bounds the read should a file
/// break that rule (a depth learnt late).
/// </summary>
internal struct PresentationWindow(DateTimeOffset end)
{
    private int _decodedBefore;
    private int _shownBefore;
    private int _pastEnd;

    /// <summary>True when the frame decoded at <paramref name="decodedAt"/> need not be read.</summary>
    public readonly bool IsComplete(DateTimeOffset decodedAt) =>
        decodedAt >= end && (_shownBefore >= _decodedBefore || _pastEnd >= Ingest.DecodeTimeline.MaxDepth);

    /// <summary>Counts a frame that was read.</summary>
    public void Count(DateTimeOffset decodedAt, DateTimeOffset shownAt)
    {
        _decodedBefore += decodedAt < end ? 1 : 0;
        _shownBefore += shownAt < end ? 1 : 0;
        _pastEnd += decodedAt >= end ? 1 : 0;
    }
}
