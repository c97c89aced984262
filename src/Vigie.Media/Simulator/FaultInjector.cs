using System.Buffers.Binary;
using Vigie.Media.Rtp;

namespace Vigie.Media.Simulator;

/// <summary>
/// Makes a simulated camera misbehave the way broken cameras and bad links do: between real frames it
/// slips in RTP packets with wrong lengths (CSRC count, header extension or padding running past the end),
/// random bytes, a wrong payload type, empty and reserved-type payloads, FU-A fragments that never end and
/// now and then a NAL unit larger than any frame a receiver should accept. The real frames still go out,
/// so a robust receiver keeps recording most of them and reports the camera degraded.
/// </summary>
public sealed class FaultInjector(uint ssrc, int seed = 1)
{
    /// <summary>A hostile packet after every this many frames.</summary>
    public const int FramesBetweenFaults = 3;

    /// <summary>One FU-A run past the receivers' largest frame (8 MiB) every this many faults.</summary>
    public const int FaultsBetweenHugeNals = 40;

    private const int FragmentPayload = 1400;
    private const int HugeNalBytes = 9 * 1024 * 1024;

    private readonly Random _random = new(seed);
    private readonly byte[] _scratch = new byte[RtpPacket.FixedHeaderLength + FragmentPayload];
    private long _frames;
    private long _faults;

    /// <summary>Hostile packet groups written so far.</summary>
    public long Faults => _faults;

    /// <summary>
    /// Called after each real frame; returns a batch of hostile packets to send before the next frame, or
    /// null. Packets a receiver rejects before looking at their sequence number (bad header, other payload
    /// type) take none; the others take the next number from <paramref name="packetizer"/>, so the faults
    /// are not mistaken for packet loss and the real frames around them stay whole.
    /// </summary>
    public PacketBatch? AfterFrame(uint rtpTimestamp, RtpPacketizer packetizer)
    {
        ArgumentNullException.ThrowIfNull(packetizer);
        if (++_frames % FramesBetweenFaults != 0)
        {
            return null;
        }

        var kind = _faults++ % 8;
        var batch = new PacketBatch(2048, isKeyframe: false, isRtcp: false);
        // A timestamp between this frame and the next: a fragment left open there belongs to no real frame.
        var timestamp = rtpTimestamp + 1;
        switch (kind)
        {
            case 0:
                var length = _random.Next(1, 300);
                _random.NextBytes(_scratch.AsSpan(0, length));
                _scratch[0] &= 0x3F; // RTP version 0: garbage, not a packet that happens to parse
                batch.Add(_scratch.AsSpan(0, length));
                break;
            case 1:
                // Fifteen CSRCs announced in a packet that has room for two.
                batch.Add(Header(0x8F, SimulatedCamera.PayloadType, packetizer.NextSequenceNumber, timestamp, extra: 8));
                break;
            case 2:
                // Padding longer than the payload.
                var padded = Header(0xA0, SimulatedCamera.PayloadType, packetizer.NextSequenceNumber, timestamp, extra: 10);
                padded[^1] = 200;
                batch.Add(padded);
                break;
            case 3:
                // A header extension whose length runs past the packet.
                var extended = Header(0x90, SimulatedCamera.PayloadType, packetizer.NextSequenceNumber, timestamp, extra: 8);
                BinaryPrimitives.WriteUInt16BigEndian(extended.AsSpan(RtpPacket.FixedHeaderLength + 2), 0x4000);
                batch.Add(extended);
                break;
            case 4:
                // Another payload type on the same stream (audio PCMU).
                var audio = Header(0x80, 0, (ushort)_random.Next(ushort.MaxValue), timestamp, extra: 160);
                batch.Add(audio);
                break;
            case 5:
                // An FU-A start of an IDR slice that never gets its end: the receiver must drop it, not wait.
                var fu = Header(0x80, SimulatedCamera.PayloadType, packetizer.ReserveSequenceNumber(), timestamp, extra: 600);
                fu[RtpPacket.FixedHeaderLength] = 0x7C; // FU indicator: NRI 3, type 28
                fu[RtpPacket.FixedHeaderLength + 1] = 0x85; // FU header: start, type 5 (IDR)
                batch.Add(fu);
                break;
            case 6:
                // An empty payload, then a NAL unit of a reserved type.
                batch.Add(Header(0x80, SimulatedCamera.PayloadType, packetizer.ReserveSequenceNumber(), timestamp, extra: 0));
                var reserved = Header(0x80, SimulatedCamera.PayloadType, packetizer.ReserveSequenceNumber(), timestamp, extra: 40);
                reserved[RtpPacket.FixedHeaderLength] = 0x1F;
                batch.Add(reserved);
                break;
            default:
                if (_faults % FaultsBetweenHugeNals == 0)
                {
                    HugeNal(batch, timestamp, packetizer);
                }
                else
                {
                    // A FU-A end with no start.
                    var orphan = Header(0x80, SimulatedCamera.PayloadType, packetizer.ReserveSequenceNumber(), timestamp, extra: 300);
                    orphan[RtpPacket.FixedHeaderLength] = 0x7C;
                    orphan[RtpPacket.FixedHeaderLength + 1] = 0x41;
                    batch.Add(orphan);
                }

                break;
        }

        return batch;
    }

    /// <summary>An FU-A sequence larger than any frame a receiver should hold, ended properly.</summary>
    private void HugeNal(PacketBatch batch, uint timestamp, RtpPacketizer packetizer)
    {
        var fragments = HugeNalBytes / FragmentPayload;
        for (var i = 0; i < fragments; i++)
        {
            var packet = _scratch.AsSpan();
            WriteHeader(packet, marker: i == fragments - 1, SimulatedCamera.PayloadType, packetizer.ReserveSequenceNumber(), timestamp);
            packet[RtpPacket.FixedHeaderLength] = 0x7C;
            packet[RtpPacket.FixedHeaderLength + 1] = (byte)((i == 0 ? 0x80 : 0) | (i == fragments - 1 ? 0x40 : 0) | 0x05);
            batch.Add(packet);
        }
    }

    private byte[] Header(byte first, byte payloadType, ushort sequence, uint timestamp, int extra)
    {
        var packet = new byte[RtpPacket.FixedHeaderLength + extra];
        WriteHeader(packet, marker: false, payloadType, sequence, timestamp);
        packet[0] = first;
        _random.NextBytes(packet.AsSpan(RtpPacket.FixedHeaderLength));
        return packet;
    }

    private void WriteHeader(Span<byte> packet, bool marker, byte payloadType, ushort sequence, uint timestamp)
    {
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
    }
}
