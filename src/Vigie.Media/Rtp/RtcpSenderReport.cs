namespace Vigie.Media.Rtp;

/// <summary>
/// The sender-info part of an RTCP sender report (RFC 3550 §6.4.1): which RTP timestamp corresponds to
/// which wall-clock instant for the source <see cref="Ssrc"/>.
/// </summary>
public readonly record struct RtcpSenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    public DateTimeOffset WallClock => NtpTime.ToDateTimeOffset(NtpTimestamp);
}
