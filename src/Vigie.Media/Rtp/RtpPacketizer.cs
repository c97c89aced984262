using System.Buffers.Binary;

namespace Vigie.Media.Rtp;

/// <summary>
/// Writes RTP packets (RFC 3550 §5.1) for one video stream: owns the sequence number, SSRC, payload type
/// and one MTU-sized scratch buffer reused for every packet. The codec classes decide how each NAL unit
/// is carried (single NAL unit packet or fragments). Used by the camera simulator and tests.
/// </summary>
public abstract class RtpPacketizer
{
    /// <summary>1400 bytes leaves room for IP/UDP/tunnel headers under a 1500-byte Ethernet MTU.</summary>
    public const int DefaultMtu = 1400;

    private readonly byte[] _packet;
    private readonly byte _payloadType;
    private readonly uint _ssrc;

    protected RtpPacketizer(byte payloadType, uint ssrc, ushort firstSequenceNumber, int mtu, int minimumPayload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, RtpPacket.FixedHeaderLength + minimumPayload);
        _payloadType = payloadType;
        _ssrc = ssrc;
        _packet = new byte[mtu];
        NextSequenceNumber = firstSequenceNumber;
    }

    public ushort NextSequenceNumber { get; private set; }

    /// <summary>Takes the next sequence number for a packet written elsewhere (the simulator's fault injection).</summary>
    public ushort ReserveSequenceNumber() => NextSequenceNumber++;

    /// <summary>Room for the payload in one packet.</summary>
    private int MaxPayload => _packet.Length - RtpPacket.FixedHeaderLength;

    private Span<byte> PayloadArea => _packet.AsSpan(RtpPacket.FixedHeaderLength);

    /// <summary>
    /// Packetises one access unit given as length-prefixed NAL units (4-byte big-endian lengths, the
    /// <see cref="Ingest.AccessUnit.Data"/> form). The marker is set on the very last packet (RFC 6184 §5.1,
    /// RFC 7798 §4.1). Returns the number of packets written.
    /// </summary>
    public int PacketizeAccessUnit(ReadOnlySpan<byte> lengthPrefixedNalUnits, uint timestamp, RtpPacketHandler onPacket)
    {
        ArgumentNullException.ThrowIfNull(onPacket);
        var packets = 0;
        while (!lengthPrefixedNalUnits.IsEmpty)
        {
            if (lengthPrefixedNalUnits.Length < 4)
            {
                throw new ArgumentException("Truncated length prefix.", nameof(lengthPrefixedNalUnits));
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(lengthPrefixedNalUnits);
            if (length <= 0 || length > lengthPrefixedNalUnits.Length - 4)
            {
                throw new ArgumentException($"NAL unit length {length} does not fit the data.", nameof(lengthPrefixedNalUnits));
            }

            var nal = lengthPrefixedNalUnits.Slice(4, length);
            lengthPrefixedNalUnits = lengthPrefixedNalUnits[(4 + length)..];
            packets += PacketizeNal(nal, timestamp, lastOfAccessUnit: lengthPrefixedNalUnits.IsEmpty, onPacket);
        }

        return packets;
    }

    /// <summary>
    /// Packetises one NAL unit (no start code, no prefix): as a single NAL unit packet when it fits
    /// (RFC 6184 §5.6, RFC 7798 §4.4.1), else as fragments (RFC 6184 §5.8, RFC 7798 §4.4.3) whose headers
    /// the codec writes. Returns the number of packets written.
    /// </summary>
    public int PacketizeNal(ReadOnlySpan<byte> nal, uint timestamp, bool lastOfAccessUnit, RtpPacketHandler onPacket)
    {
        ArgumentNullException.ThrowIfNull(onPacket);
        if (nal.Length <= NalHeaderLength)
        {
            throw new ArgumentException($"A NAL unit of {nal.Length} bytes has no payload.", nameof(nal));
        }

        if (nal.Length <= MaxPayload)
        {
            nal.CopyTo(PayloadArea);
            Send(nal.Length, timestamp, lastOfAccessUnit, onPacket);
            return 1;
        }

        var header = nal[..NalHeaderLength];
        var body = nal[NalHeaderLength..];
        var chunk = MaxPayload - FragmentHeaderLength;
        var packets = 0;
        var first = true;
        while (!body.IsEmpty)
        {
            var size = Math.Min(chunk, body.Length);
            var last = size == body.Length;
            WriteFragmentHeader(PayloadArea, header, first, last);
            body[..size].CopyTo(PayloadArea[FragmentHeaderLength..]);
            Send(FragmentHeaderLength + size, timestamp, marker: last && lastOfAccessUnit, onPacket);
            body = body[size..];
            first = false;
            packets++;
        }

        return packets;
    }

    protected abstract int NalHeaderLength { get; }

    /// <summary>Bytes in front of each fragment's data (FU indicator + FU header, or payload header + FU header).</summary>
    protected abstract int FragmentHeaderLength { get; }

    /// <summary>Writes the fragment headers derived from the fragmented NAL unit's own header.</summary>
    protected abstract void WriteFragmentHeader(Span<byte> destination, ReadOnlySpan<byte> nalHeader, bool start, bool end);

    private void Send(int payloadLength, uint timestamp, bool marker, RtpPacketHandler onPacket)
    {
        _packet[0] = 0x80;
        _packet[1] = (byte)((marker ? 0x80 : 0) | _payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), NextSequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(8), _ssrc);
        NextSequenceNumber++;
        onPacket(_packet.AsSpan(0, RtpPacket.FixedHeaderLength + payloadLength));
    }
}
