using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class H265DepacketizerTests : IDisposable
{
    private static readonly byte[] Vps = [0x40, 0x01, 0x0C, 0x01, 0xFF, 0xFF];
    private static readonly byte[] Sps = [0x42, 0x01, 0x01, 0x01, 0x60, 0x00];
    private static readonly byte[] Pps = [0x44, 0x01, 0xC1, 0x72];
    private static readonly byte[] Aud = [0x46, 0x01, 0x50];

    /// <summary>AP payload header: type 48, layer 0, TID 1 (RFC 7798 §4.4.2).</summary>
    private static readonly byte[] ApHeader = [0x60, 0x01];

    private readonly CollectingSink _sink = new();
    private readonly H265Depacketizer _depacketizer;
    private readonly PacketFeed _feed;

    public H265DepacketizerTests()
    {
        _depacketizer = new H265Depacketizer(TestPackets.NoH265Sets, _sink, new DepacketizerOptions { PayloadType = TestPackets.PayloadType });
        _feed = new PacketFeed(_depacketizer);
    }

    public void Dispose() => _depacketizer.Dispose();

    [Fact]
    public void An_aggregation_packet_with_vps_sps_pps_and_an_idr_gives_a_keyframe_and_complete_parameter_sets()
    {
        var idr = Slice(type: 19, size: 40);

        _feed.Send(0, marker: true, TestPackets.Aggregate(ApHeader, Aud, Vps, Sps, Pps, idr));

        var unit = Assert.Single(_sink.Units);
        Assert.True(unit.IsKeyframe);
        Assert.Equal(idr, Assert.Single(unit.NalUnits));
        Assert.True(unit.Parameters.IsComplete);
        Assert.Equal(Vps, Assert.Single(unit.Parameters.Vps));
        Assert.Equal(Sps, Assert.Single(unit.Parameters.Sps));
        Assert.Equal(Pps, Assert.Single(unit.Parameters.Pps));
    }

    [Theory]
    [InlineData(21, true)]
    [InlineData(16, true)]
    [InlineData(1, false)]
    public void Irap_pictures_are_keyframes_and_others_are_not(int type, bool keyframe)
    {
        _feed.Send(0, marker: true, Slice(type, 30));

        Assert.Equal(keyframe, Assert.Single(_sink.Units).IsKeyframe);
    }

    [Fact]
    public void A_fragmented_nal_unit_is_rebuilt_with_its_original_header()
    {
        var idr = Slice(type: 19, size: 1000);
        _feed.Send(0, marker: false, Fu(idr, start: true, end: false, idr.AsSpan(2, 500)));
        _feed.Send(0, marker: true, Fu(idr, start: false, end: true, idr.AsSpan(502)));

        Assert.Equal(idr, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Fact]
    public void A_fu_without_its_start_is_dropped_and_the_next_frame_decodes()
    {
        var idr = Slice(type: 19, size: 1000);
        _feed.Send(0, marker: true, Fu(idr, start: false, end: true, idr.AsSpan(502)));
        var good = Slice(type: 1, size: 30);
        _feed.Send(3600, marker: true, good);

        Assert.Equal(1, _depacketizer.Statistics.DroppedFor(FrameDropReason.FragmentWithoutStart));
        Assert.Equal(good, Assert.Single(Assert.Single(_sink.Units).NalUnits));
    }

    [Theory]
    [InlineData(new byte[] { 0x60, 0x01, 0x00, 0x09, 0x26, 0x01 })]
    [InlineData(new byte[] { 0x60, 0x01, 0x00, 0x01, 0x26 })]
    [InlineData(new byte[] { 0x60, 0x01 })]
    [InlineData(new byte[] { 0x62, 0x01 })]
    [InlineData(new byte[] { 0x26 })]
    public void Truncated_payloads_drop_their_frame_without_throwing(byte[] payload)
    {
        _feed.Send(0, marker: true, payload);

        Assert.Equal(1, _depacketizer.Statistics.DroppedFor(FrameDropReason.MalformedPayload));
        Assert.Empty(_sink.Units);
    }

    [Fact]
    public void Paci_packets_are_ignored_and_counted()
    {
        _feed.Send(0, marker: false, [0x64, 0x01, 0x00, 0x00]);
        _feed.Send(0, marker: true, Slice(type: 1, size: 30));

        Assert.Equal(1, _depacketizer.Statistics.IgnoredPackets);
        Assert.Single(_sink.Units);
    }

    private static byte[] Slice(int type, int size)
    {
        var nal = new byte[size];
        nal[0] = (byte)(type << 1);
        nal[1] = 0x01;
        nal[2] = 0x80;
        for (var i = 3; i < size; i++)
        {
            nal[i] = (byte)i;
        }

        return nal;
    }

    private static byte[] Fu(byte[] nal, bool start, bool end, ReadOnlySpan<byte> data)
    {
        byte[] header = [(byte)((nal[0] & 0x81) | (49 << 1)), nal[1], (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | ((nal[0] >> 1) & 0x3F))];
        return [.. header, .. data];
    }
}
