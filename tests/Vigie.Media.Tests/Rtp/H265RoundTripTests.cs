using Vigie.Media.Codecs;
using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class H265RoundTripTests(FfmpegStreams streams)
{
    [Theory]
    [InlineData(200)]
    [InlineData(1400)]
    public void A_real_x265_stream_comes_back_with_identical_nal_units_keyframes_and_parameter_sets(int mtu)
    {
        var stream = streams.H265;
        var sink = new CollectingSink();
        using var depacketizer = new H265Depacketizer(TestPackets.NoH265Sets, sink, new DepacketizerOptions { PayloadType = 97 });
        var packetizer = new H265Packetizer(97, ssrc: 0x5678, firstSequenceNumber: 65_500, mtu);

        var result = RoundTrip.Run(stream, packetizer, depacketizer);

        RoundTrip.AssertIdentical(stream, sink, result);
        Assert.True(stream.AccessUnits.Count >= 50);
        Assert.Equal(stream.AccessUnits.Count(stream.IsKeyframe), depacketizer.Statistics.Keyframes);
        Assert.True(depacketizer.Statistics.Keyframes >= 2);
        Assert.Equal(0, depacketizer.Statistics.DroppedFrames);
        if (mtu == 200)
        {
            Assert.True(result.FragmentPackets > stream.AccessUnits.Count, "a small MTU must force FU fragmentation");
        }

        var parameters = sink.Units[^1].Parameters;
        Assert.True(parameters.IsComplete);
        Assert.Equal(stream.AccessUnits[0].Single(nal => H265Nal.Type(nal[0]) == H265Nal.Vps), Assert.Single(parameters.Vps));
        Assert.Equal(stream.AccessUnits[0].Single(nal => H265Nal.Type(nal[0]) == H265Nal.Sps), Assert.Single(parameters.Sps));
        Assert.Equal(stream.AccessUnits[0].Single(nal => H265Nal.Type(nal[0]) == H265Nal.Pps), Assert.Single(parameters.Pps));
    }

    [Fact]
    public void Sdp_sprop_vps_sps_pps_give_complete_parameter_sets_before_any_packet()
    {
        var first = streams.H265.AccessUnits[0];
        string Of(int type) => Convert.ToBase64String(first.Single(nal => H265Nal.Type(nal[0]) == type));

        Assert.True(SpropParameterSets.TryParseH265(Of(H265Nal.Vps), Of(H265Nal.Sps), Of(H265Nal.Pps), out var parameters));

        Assert.True(parameters.IsComplete);
        using var depacketizer = new H265Depacketizer(parameters, new CollectingSink(), new DepacketizerOptions { PayloadType = 97 });
        Assert.Same(parameters, depacketizer.Parameters);
    }
}
