namespace Vigie.Media.Playback;

/// <summary>A complete recorded segment as the index knows it: its file and the wall-clock span it covers (UTC).</summary>
public readonly record struct RecordedSegmentRef(string FullPath, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
