using System.Buffers.Binary;
using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Rtp;

/// <summary>Hand-built RTP packets and NAL units for the cases an encoder never produces.</summary>
internal static class TestPackets
{
    public const byte PayloadType = 96;
    public const uint Ssrc = 0xCAFE_F00D;

    public static readonly DateTimeOffset Arrival = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly byte[] H264Sps = [0x67, 0x42, 0xC0, 0x1E, 0xD9, 0x00, 0xA0, 0x47, 0xFE, 0xC8];
    public static readonly byte[] H264Pps = [0x68, 0xCE, 0x3C, 0x80];
    public static readonly byte[] H264Aud = [0x09, 0xF0];

    public static ParameterSets NoH264Sets => new(VideoCodec.H264, [], [], []);

    public static ParameterSets NoH265Sets => new(VideoCodec.H265, [], [], []);

    /// <summary>An H.264 slice NAL unit of <paramref name="size"/> bytes with a recognisable body.</summary>
    public static byte[] H264Slice(bool idr, int size, byte seed = 1)
    {
        var nal = new byte[size];
        nal[0] = idr ? (byte)0x65 : (byte)0x41;
        for (var i = 1; i < size; i++)
        {
            nal[i] = (byte)(seed + i);
        }

        nal[1] = 0x88;
        return nal;
    }

    public static byte[] Rtp(ushort sequence, uint timestamp, bool marker, ReadOnlySpan<byte> payload, byte payloadType = PayloadType, uint ssrc = Ssrc)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        payload.CopyTo(packet.AsSpan(12));
        return packet;
    }

    /// <summary>An aggregation body: [16-bit size][NAL unit] per unit, after <paramref name="header"/>.</summary>
    public static byte[] Aggregate(ReadOnlySpan<byte> header, params byte[][] nalUnits)
    {
        using var stream = new MemoryStream();
        stream.Write(header);
        foreach (var nal in nalUnits)
        {
            stream.WriteByte((byte)(nal.Length >> 8));
            stream.WriteByte((byte)nal.Length);
            stream.Write(nal);
        }

        return stream.ToArray();
    }

    /// <summary>The FU-A packets of <paramref name="nal"/> split in <paramref name="count"/> fragments, payloads only.</summary>
    public static List<byte[]> FuA(byte[] nal, int count)
    {
        var body = nal.AsSpan(1);
        var chunk = (body.Length + count - 1) / count;
        var fragments = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var part = body.Slice(i * chunk, Math.Min(chunk, body.Length - (i * chunk)));
            var fu = new byte[2 + part.Length];
            fu[0] = (byte)((nal[0] & 0xE0) | 28);
            fu[1] = (byte)((i == 0 ? 0x80 : 0) | (i == count - 1 ? 0x40 : 0) | (nal[0] & 0x1F));
            part.CopyTo(fu.AsSpan(2));
            fragments.Add(fu);
        }

        return fragments;
    }
}
