namespace Vigie.Bench.Playback;

/// <summary>One coded picture of the source minute: its NAL units length-prefixed (the fMP4 sample format).</summary>
public sealed record SourceFrame(byte[] Data, bool IsKeyframe);
