using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Recording;

/// <summary>
/// One frame of a <see cref="RecordedPreAlarm"/>: what rebuilds its <see cref="AccessUnit"/>, and where its
/// bytes are — still in memory (<see cref="Unit"/>, pending in the muxer) or in a segment file
/// (<see cref="File"/> at <see cref="Offset"/>). About 80 bytes, against the frame's ≈ 10 kB.
/// </summary>
internal struct PreAlarmEntry(AccessUnit unit)
{
    public readonly long Timestamp = unit.Timestamp;
    public readonly long DecodeTimestamp = unit.DecodeTimestamp;
    public readonly int Length = unit.Data.Length;
    public readonly bool IsKeyframe = unit.IsKeyframe;
    public readonly VideoCodec Codec = unit.Codec;
    public readonly ParameterSets Parameters = unit.Parameters;
    public readonly DateTimeOffset? WallClock = unit.WallClock;
    public readonly DateTimeOffset ReceivedAt = unit.ReceivedAt;

    /// <summary>The frame itself (retained) until its fragment is on disk; then null.</summary>
    public AccessUnit? Unit = unit;

    public RecordedFile? File;

    public long Offset;
}
