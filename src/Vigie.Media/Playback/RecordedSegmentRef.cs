namespace Vigie.Media.Playback;

/// <summary>
/// A recorded segment: its file and the wall-clock span it covers (UTC). For the segment being recorded,
/// <paramref name="Growing"/> opens it (it is renamed when complete) and <paramref name="EndsAt"/> is "now".
/// </summary>
public readonly record struct RecordedSegmentRef(string FullPath, DateTimeOffset StartsAt, DateTimeOffset EndsAt, GrowingSegment? Growing = null);
