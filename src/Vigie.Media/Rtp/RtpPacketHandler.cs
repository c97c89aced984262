namespace Vigie.Media.Rtp;

/// <summary>Receives one finished RTP packet; the span is only valid during the call.</summary>
public delegate void RtpPacketHandler(ReadOnlySpan<byte> packet);
