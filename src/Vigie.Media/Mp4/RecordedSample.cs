namespace Vigie.Media.Mp4;

/// <summary>One sample (frame) of a fragment read from a file: where its bytes are, when it is decoded and shown.</summary>
/// <param name="FileOffset">First byte of the length-prefixed NAL units in the file.</param>
/// <param name="Size">Bytes of the sample.</param>
/// <param name="DecodeTime">Decode time from the file's start, in the track's timescale (90 kHz for Vigie's recordings).</param>
/// <param name="Duration">Decode duration: the step to the next sample's decode time.</param>
/// <param name="CompositionOffset">Presentation minus decode time (ISO/IEC 14496-12 §8.8.8): 0 without B-frames, signed with them.</param>
/// <param name="IsKeyframe">A sync sample: decoding can start here.</param>
public readonly record struct RecordedSample(long FileOffset, int Size, ulong DecodeTime, uint Duration, int CompositionOffset, bool IsKeyframe)
{
    /// <summary>When the sample is shown, from the file's start (never before 0).</summary>
    public ulong PresentationTime => CompositionOffset >= 0 || (ulong)(-(long)CompositionOffset) <= DecodeTime
        ? (ulong)((long)DecodeTime + CompositionOffset)
        : 0;
}
