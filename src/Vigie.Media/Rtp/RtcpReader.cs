using System.Buffers.Binary;

namespace Vigie.Media.Rtp;

/// <summary>
/// Walks RTCP compound packets (RFC 3550 §6.1) and picks out sender reports. Receiver reports, SDES,
/// BYE and the rest are stepped over by their length field. Never throws: a malformed compound packet
/// yields nothing.
/// </summary>
public static class RtcpReader
{
    /// <summary>RTCP packet type of a sender report (§6.4.1).</summary>
    public const byte SenderReportType = 200;

    private const int HeaderLength = 4;

    /// <summary>SSRC(4) + NTP(8) + RTP timestamp(4) + packet count(4) + octet count(4), after the header.</summary>
    private const int SenderInfoLength = 24;

    /// <summary>Finds the first sender report in <paramref name="compound"/>.</summary>
    public static bool TryReadSenderReport(ReadOnlySpan<byte> compound, out RtcpSenderReport report)
    {
        report = default;
        while (compound.Length >= HeaderLength)
        {
            if (compound[0] >> 6 != 2)
            {
                return false;
            }

            // §6.4.1: length is in 32-bit words minus one, header included.
            var length = (BinaryPrimitives.ReadUInt16BigEndian(compound.Slice(2, 2)) + 1) * 4;
            if (length > compound.Length)
            {
                return false;
            }

            if (compound[1] == SenderReportType && length >= HeaderLength + SenderInfoLength)
            {
                var body = compound.Slice(HeaderLength, SenderInfoLength);
                report = new RtcpSenderReport(
                    Ssrc: BinaryPrimitives.ReadUInt32BigEndian(body),
                    NtpTimestamp: BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
                    RtpTimestamp: BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
                    PacketCount: BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
                    OctetCount: BinaryPrimitives.ReadUInt32BigEndian(body[20..]));
                return true;
            }

            compound = compound[length..];
        }

        return false;
    }

    /// <summary>Writes a sender report with no report blocks (28 bytes), for simulators and tests.</summary>
    public static int WriteSenderReport(in RtcpSenderReport report, Span<byte> destination)
    {
        const int total = HeaderLength + SenderInfoLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, total);
        destination[0] = 0x80;
        destination[1] = SenderReportType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (total / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], report.Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], report.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], report.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], report.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], report.OctetCount);
        return total;
    }
}
