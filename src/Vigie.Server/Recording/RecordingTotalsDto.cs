namespace Vigie.Server.Recording;

/// <summary>
/// Sums over a window. Times are clipped to the window (a segment over midnight counts its part of the
/// day only); <see cref="Bytes"/> is the size on disk of the complete segments listed, which cannot be clipped.
/// </summary>
public sealed record RecordingTotalsDto(double RecordedSeconds, double MissingSeconds, double GapSeconds, long Bytes, int Segments, int Gaps);
