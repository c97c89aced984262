using Vigie.Media.Codecs;
using Vigie.Media.Rtsp.Sdp;

namespace Vigie.Media.Rtsp;

/// <summary>
/// A track the session set up: its SDP section (payload type, rtpmap, raw fmtp for the depacketiser
/// and the parameter sets), where it is controlled and how its packets arrive.
/// </summary>
public sealed record RtspTrack
{
    /// <summary>Position among the tracks set up; the trackIndex given to <see cref="IRtpPacketSink.OnPacket"/>.</summary>
    public required int Index { get; init; }

    public required SdpMedia Media { get; init; }

    /// <summary>H.264 or H.265 when the rtpmap says so; null for other encodings (audio, metadata).</summary>
    public VideoCodec? Codec { get; init; }

    /// <summary>Absolute control URL used for this track's SETUP (RFC 2326 §C.1.1), without credentials.</summary>
    public required Uri ControlUri { get; init; }

    public int PayloadType => Media.PayloadType;

    /// <summary>RTP clock rate from the rtpmap; 90 kHz for video when the SDP omits it (RFC 6184 §8.2.1).</summary>
    public int ClockRate => Media.ClockRate ?? 90_000;

    /// <summary>TCP: the interleaved channels (RTP, RTCP). UDP: null.</summary>
    public (int Rtp, int Rtcp)? Channels { get; init; }

    /// <summary>UDP: local client ports (RTP even, RTCP odd). TCP: null.</summary>
    public (int Rtp, int Rtcp)? ClientPorts { get; init; }

    /// <summary>UDP: the server's ports from the SETUP reply, when it gave them.</summary>
    public (int Rtp, int Rtcp)? ServerPorts { get; init; }
}
