namespace Vigie.Media.Codecs;

/// <summary>Video codecs Vigie ingests and records as they come (no transcoding on the hot path).</summary>
public enum VideoCodec
{
    H264,
    H265,
}
