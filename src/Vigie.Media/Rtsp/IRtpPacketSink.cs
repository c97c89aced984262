namespace Vigie.Media.Rtsp;

/// <summary>
/// Where a session delivers its packets. Calls are never concurrent (UDP sockets are serialised by the
/// session), so a depacketiser behind it needs no locking. The span is a pooled receive buffer: valid
/// only during the call, copy what must outlive it. Must not block: it runs on the receive path.
/// </summary>
public interface IRtpPacketSink
{
    /// <summary>Called once per session, after SETUP and before PLAY, with the tracks packets will refer to.</summary>
    void OnTracks(IReadOnlyList<RtspTrack> tracks);

    /// <summary>One RTP packet (RFC 3550 §5.1) or RTCP compound packet (§6.1) of track <paramref name="trackIndex"/>.</summary>
    void OnPacket(int trackIndex, bool isRtcp, ReadOnlySpan<byte> packet);

    /// <summary>
    /// While requested, the session hands packets on as they arrive (someone watches the camera live);
    /// otherwise it may gather them until its receive tick (<see cref="RtspClientOptions.ReceiveBatching"/>).
    /// Null: always as the options say.
    /// </summary>
    ImmediateDelivery? Delivery => null;
}
