namespace Vigie.Media.Mp4;

/// <summary>
/// Describes one fragment handed to an <see cref="IMp4FragmentSink"/>. Offsets count from the start of
/// the current segment (its init segment starts at 0), so <see cref="EndOffset"/> is the length a
/// segment file can be truncated to and still end on a complete fragment.
/// </summary>
/// <param name="SequenceNumber">mfhd sequence_number, from 1 in each segment.</param>
/// <param name="BaseMediaDecodeTime">tfdt, 90 kHz, from 0 at the start of each segment.</param>
/// <param name="Duration">Sum of the sample durations, 90 kHz.</param>
/// <param name="FirstDecodeTimestamp">The first sample's <see cref="Ingest.AccessUnit.DecodeTimestamp"/> (stream clock) at <paramref name="BaseMediaDecodeTime"/>, to map segment time to stream time.</param>
/// <param name="SampleCount">Frames in the fragment.</param>
/// <param name="StartsWithKeyframe">True when playback can start at this fragment.</param>
/// <param name="StartOffset">Offset of the moof in the segment.</param>
/// <param name="EndOffset">Offset just after the mdat.</param>
public readonly record struct Mp4FragmentInfo(
    uint SequenceNumber,
    ulong BaseMediaDecodeTime,
    ulong Duration,
    long FirstDecodeTimestamp,
    int SampleCount,
    bool StartsWithKeyframe,
    long StartOffset,
    long EndOffset);
