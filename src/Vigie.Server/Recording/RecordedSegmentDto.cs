using Vigie.Domain.Recordings;

namespace Vigie.Server.Recording;

/// <summary>One indexed segment as the recordings API and page show it. <see cref="State"/> is "complete" or "missing" (file lost).</summary>
public sealed record RecordedSegmentDto(
    long Id,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    double DurationSeconds,
    long Bytes,
    int Frames,
    int Keyframes,
    string Codec,
    int Width,
    int Height,
    string State,
    bool Held)
{
    public const string Complete = "complete";
    public const string Missing = "missing";

    public static RecordedSegmentDto From(RecordingSegment segment, bool held)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new(segment.Id, segment.StartsAt, segment.EndsAt, segment.Duration.TotalSeconds, segment.Bytes, segment.Frames, segment.Keyframes,
            segment.Codec, segment.Width, segment.Height, segment.State == SegmentState.Missing ? Missing : Complete, held);
    }
}
