using System.Buffers.Binary;

namespace Vigie.Media.Rtp;

/// <summary>
/// A view over one RTP packet (RFC 3550 §5.1), parsed in place: no copy, no allocation. The payload
/// span excludes CSRCs, the header extension (§5.3.1) and padding.
/// </summary>
public readonly ref struct RtpPacket
{
    /// <summary>The fixed header: V P X CC | M PT | sequence | timestamp | SSRC.</summary>
    public const int FixedHeaderLength = 12;

    private RtpPacket(bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, int csrcCount, ReadOnlySpan<byte> payload)
    {
        Marker = marker;
        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        CsrcCount = csrcCount;
        Payload = payload;
    }

    /// <summary>Set on the last packet of an access unit for H.264/H.265 (RFC 6184 §5.1, RFC 7798 §4.1).</summary>
    public bool Marker { get; }

    public byte PayloadType { get; }

    public ushort SequenceNumber { get; }

    public uint Timestamp { get; }

    public uint Ssrc { get; }

    public int CsrcCount { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>
    /// Parses <paramref name="data"/> as an RTP packet. Never throws: a malformed packet is reported through
    /// <paramref name="error"/> so that a hostile or broken camera costs a counter, not an exception.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet, out RtpParseError error)
    {
        packet = default;
        if (data.Length < FixedHeaderLength)
        {
            error = RtpParseError.TooShort;
            return false;
        }

        var first = data[0];
        if (first >> 6 != 2)
        {
            error = RtpParseError.BadVersion;
            return false;
        }

        var hasPadding = (first & 0x20) != 0;
        var hasExtension = (first & 0x10) != 0;
        var csrcCount = first & 0x0F;
        var offset = FixedHeaderLength + (4 * csrcCount);
        if (data.Length < offset)
        {
            error = RtpParseError.TooShort;
            return false;
        }

        if (hasExtension)
        {
            // §5.3.1: 16-bit profile-defined id, 16-bit length in 32-bit words, not counting this word.
            if (data.Length < offset + 4)
            {
                error = RtpParseError.ExtensionOverflow;
                return false;
            }

            var words = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset + 2, 2));
            offset += 4 + (4 * words);
            if (data.Length < offset)
            {
                error = RtpParseError.ExtensionOverflow;
                return false;
            }
        }

        var end = data.Length;
        if (hasPadding)
        {
            // §5.1: the last octet counts the padding octets, itself included, so it is at least 1.
            var padding = data[^1];
            if (padding == 0 || padding > end - offset)
            {
                error = RtpParseError.BadPadding;
                return false;
            }

            end -= padding;
        }

        var second = data[1];
        packet = new RtpPacket(
            marker: (second & 0x80) != 0,
            payloadType: (byte)(second & 0x7F),
            sequenceNumber: BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2, 2)),
            timestamp: BinaryPrimitives.ReadUInt32BigEndian(data.Slice(4, 4)),
            ssrc: BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8, 4)),
            csrcCount: csrcCount,
            payload: data[offset..end]);
        error = RtpParseError.None;
        return true;
    }
}
