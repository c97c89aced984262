using Vigie.Media.Codecs;

namespace Vigie.Media.Rtp;

/// <summary>
/// H.265 RTP packetiser without DONL (RFC 7798, sprop-max-don-diff=0): a NAL unit that fits goes as a
/// single NAL unit packet (§4.4.1), a larger one as FU fragments (§4.4.3).
/// </summary>
public sealed class H265Packetizer : RtpPacketizer
{
    /// <summary>Payload header (2) + FU header (1).</summary>
    private const int FuHeaderLength = 3;

    public H265Packetizer(byte payloadType, uint ssrc, ushort firstSequenceNumber = 0, int mtu = DefaultMtu)
        : base(payloadType, ssrc, firstSequenceNumber, mtu, FuHeaderLength + 1)
    {
    }

    protected override int NalHeaderLength => H265Nal.HeaderLength;

    protected override int FragmentHeaderLength => FuHeaderLength;

    /// <summary>
    /// The payload header is the NAL header with its type set to 49 (F, LayerId and TID kept); the FU header
    /// carries S, E and the original type.
    /// </summary>
    protected override void WriteFragmentHeader(Span<byte> destination, ReadOnlySpan<byte> nalHeader, bool start, bool end)
    {
        destination[0] = (byte)((nalHeader[0] & 0x81) | (H265Nal.FragmentationUnit << 1));
        destination[1] = nalHeader[1];
        destination[2] = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | H265Nal.Type(nalHeader[0]));
    }
}
