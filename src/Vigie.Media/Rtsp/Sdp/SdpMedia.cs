using System.Collections.Immutable;

namespace Vigie.Media.Rtsp.Sdp;

/// <summary>
/// One "m=" section (RFC 4566 §5.14) with the attributes Vigie needs from a camera: the first payload
/// type's rtpmap (§6, "a=rtpmap") and fmtp parameters kept raw, and the control attribute
/// (RFC 2326 §C.1.1).
/// </summary>
public sealed record SdpMedia
{
    /// <summary>"video", "audio", "application"...</summary>
    public required string MediaType { get; init; }

    /// <summary>Transport protocol of the m= line, e.g. "RTP/AVP".</summary>
    public required string Protocol { get; init; }

    /// <summary>Payload types listed on the m= line, in order of preference.</summary>
    public required ImmutableArray<int> PayloadTypes { get; init; }

    /// <summary>The payload type Vigie uses: the first one listed (RFC 4566 §5.14).</summary>
    public int PayloadType => PayloadTypes[0];

    /// <summary>Encoding name from a=rtpmap for <see cref="PayloadType"/> in upper case ("H264", "H265", "PCMA"), or null.</summary>
    public string? EncodingName { get; init; }

    /// <summary>RTP clock rate from a=rtpmap (90000 for video), or null when not given.</summary>
    public int? ClockRate { get; init; }

    /// <summary>
    /// Format parameters from a=fmtp for <see cref="PayloadType"/>, names as sent (lookup ignores case),
    /// values raw: sprop-parameter-sets (RFC 6184 §8.1), sprop-vps/sps/pps (RFC 7798 §7.1),
    /// packetization-mode...
    /// </summary>
    public required ImmutableDictionary<string, string> FormatParameters { get; init; }

    /// <summary>The a=control value as sent (absolute URL, relative path or "*"), or null.</summary>
    public string? Control { get; init; }

    /// <summary>Every attribute line of the section, "name" or "name:value", for anything not modelled.</summary>
    public required ImmutableArray<string> Attributes { get; init; }
}
