using Vigie.Media.Codecs;

namespace Vigie.Media.Rtp;

/// <summary>
/// H.264 RTP packetiser in non-interleaved mode (RFC 6184 packetization-mode=1): a NAL unit that fits
/// goes as a single NAL unit packet (§5.6), a larger one as FU-A fragments (§5.8).
/// </summary>
public sealed class H264Packetizer : RtpPacketizer
{
    /// <summary>FU indicator + FU header.</summary>
    private const int FuHeaderLength = 2;

    public H264Packetizer(byte payloadType, uint ssrc, ushort firstSequenceNumber = 0, int mtu = DefaultMtu)
        : base(payloadType, ssrc, firstSequenceNumber, mtu, FuHeaderLength + 1)
    {
    }

    protected override int NalHeaderLength => H264Nal.HeaderLength;

    protected override int FragmentHeaderLength => FuHeaderLength;

    /// <summary>The FU indicator keeps F and NRI with type 28; the FU header carries S, E and the original type.</summary>
    protected override void WriteFragmentHeader(Span<byte> destination, ReadOnlySpan<byte> nalHeader, bool start, bool end)
    {
        destination[0] = (byte)((nalHeader[0] & 0xE0) | H264Nal.FuA);
        destination[1] = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nalHeader[0] & 0x1F));
    }
}
