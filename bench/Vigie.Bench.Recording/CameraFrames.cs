namespace Vigie.Bench.Recording;

/// <summary>What one camera's recording holds: frames, keyframes, bytes and media duration (0 when unknown).</summary>
public sealed record CameraFrames(int Camera, long Frames, long Keyframes, long Bytes, double Seconds, int Files, int TornFiles, string Resolution = "");
