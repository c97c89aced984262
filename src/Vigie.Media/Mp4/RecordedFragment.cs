namespace Vigie.Media.Mp4;

/// <summary>One movie fragment (moof + mdat) of a file, as <see cref="Mp4FileReader"/> found it.</summary>
/// <param name="Offset">Offset of the moof in the file.</param>
/// <param name="Length">Bytes of moof + mdat.</param>
/// <param name="DecodeTime">tfdt: decode time of the first sample from the file's start.</param>
/// <param name="Duration">Sum of the sample durations.</param>
/// <param name="TfdtValueOffset">Offset of the tfdt's 64-bit value within the fragment (a version 1 tfdt), for rebasing; -1 for a 32-bit tfdt.</param>
/// <param name="Samples">The fragment's samples in decode order.</param>
public sealed record RecordedFragment(long Offset, int Length, ulong DecodeTime, ulong Duration, int TfdtValueOffset, IReadOnlyList<RecordedSample> Samples)
{
    /// <summary>True when playback can start at this fragment (its first sample is a sync sample).</summary>
    public bool StartsWithKeyframe => Samples.Count > 0 && Samples[0].IsKeyframe;

    public ulong EndTime => DecodeTime + Duration;
}
