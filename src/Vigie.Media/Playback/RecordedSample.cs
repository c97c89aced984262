namespace Vigie.Media.Playback;

/// <summary>One sample (frame) of a recorded fragment: where its bytes are in the file and how long it lasts.</summary>
/// <param name="FileOffset">First byte of the length-prefixed NAL units in the segment file.</param>
/// <param name="Size">Bytes of the sample.</param>
/// <param name="DecodeTime">Decode (= presentation) time from the segment's start, 90 kHz.</param>
/// <param name="Duration">90 kHz.</param>
/// <param name="IsKeyframe">A sync sample: decoding can start here.</param>
public readonly record struct RecordedSample(long FileOffset, int Size, ulong DecodeTime, uint Duration, bool IsKeyframe);
