namespace Vigie.Media.Rtp;

/// <summary>Settings of one depacketiser, from the camera's SDP and the ingest configuration.</summary>
public sealed class DepacketizerOptions
{
    /// <summary>8 MiB: far above a 4K keyframe at camera bitrates, small enough that a broken sender cannot exhaust memory.</summary>
    public const int DefaultMaxFrameBytes = 8 * 1024 * 1024;

    /// <summary>The dynamic payload type negotiated in SDP (a=rtpmap); packets with another one are ignored.</summary>
    public required byte PayloadType { get; init; }

    /// <summary>Largest access unit accepted, length prefixes included; a larger one is dropped.</summary>
    public int MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;
}
