using Vigie.Media.Codecs;
using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class PacketizerTests
{
    [Fact]
    public void Large_nal_units_are_split_under_the_mtu_with_the_marker_only_on_the_last_packet_of_the_access_unit()
    {
        var packets = new List<byte[]>();
        var packetizer = new H264Packetizer(96, ssrc: 9, firstSequenceNumber: 65_535, mtu: 500);
        var accessUnit = EncodedStream.LengthPrefixed([TestPackets.H264Sps, TestPackets.H264Slice(idr: true, 2000)]);

        var count = packetizer.PacketizeAccessUnit(accessUnit, 1234, packet => packets.Add(packet.ToArray()));

        Assert.Equal(packets.Count, count);
        Assert.All(packets, packet => Assert.True(packet.Length <= 500));
        var parsed = packets.Select(Parse).ToList();
        Assert.Equal([65_535, 0, 1, 2, 3, 4], parsed.Select(p => (int)p.Sequence));
        Assert.Equal([false, false, false, false, false, true], parsed.Select(p => p.Marker));
        Assert.Equal(H264Nal.Sps, H264Nal.Type(packets[0][12]));
        Assert.All(packets.Skip(1), packet => Assert.Equal(H264Nal.FuA, H264Nal.Type(packet[12])));
        Assert.Equal(0x80 | H264Nal.IdrSlice, packets[1][13]);
        Assert.Equal(0x40 | H264Nal.IdrSlice, packets[^1][13]);
    }

    [Fact]
    public void H265_fragments_carry_the_original_type_and_the_layer_and_temporal_ids()
    {
        var packets = new List<byte[]>();
        var nal = new byte[3000];
        nal[0] = 19 << 1;
        nal[1] = 0x01;
        var packetizer = new H265Packetizer(97, ssrc: 9, mtu: 1400);

        packetizer.PacketizeNal(nal, 0, lastOfAccessUnit: true, packet => packets.Add(packet.ToArray()));

        Assert.Equal(3, packets.Count);
        Assert.All(packets, packet => Assert.Equal(H265Nal.FragmentationUnit, H265Nal.Type(packet[12])));
        Assert.All(packets, packet => Assert.Equal(0x01, packet[13]));
        Assert.Equal(0x80 | 19, packets[0][14]);
        Assert.Equal(19, packets[1][14]);
        Assert.Equal(0x40 | 19, packets[2][14]);
    }

    private static (ushort Sequence, bool Marker) Parse(byte[] bytes)
    {
        Assert.True(RtpPacket.TryParse(bytes, out var packet, out _));
        return (packet.SequenceNumber, packet.Marker);
    }
}
