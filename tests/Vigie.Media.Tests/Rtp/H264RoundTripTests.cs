using Vigie.Media.Codecs;
using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class H264RoundTripTests(FfmpegStreams streams)
{
    [Theory]
    [InlineData(200)]
    [InlineData(1400)]
    public void A_real_x264_stream_comes_back_with_identical_nal_units_keyframes_and_parameter_sets(int mtu)
    {
        var stream = streams.H264;
        var sink = new CollectingSink();
        using var depacketizer = new H264Depacketizer(TestPackets.NoH264Sets, sink, new DepacketizerOptions { PayloadType = 96 });
        var packetizer = new H264Packetizer(96, ssrc: 0x1234, firstSequenceNumber: 65_000, mtu);

        var result = RoundTrip.Run(stream, packetizer, depacketizer);

        RoundTrip.AssertIdentical(stream, sink, result);
        Assert.True(stream.AccessUnits.Count >= 50);
        Assert.Equal(2, depacketizer.Statistics.Keyframes);
        Assert.Equal(0, depacketizer.Statistics.DroppedFrames);
        Assert.Equal(0, depacketizer.Statistics.LostPackets);
        if (mtu == 200)
        {
            Assert.True(result.FragmentPackets > stream.AccessUnits.Count, "a small MTU must force FU-A fragmentation");
        }

        var sps = stream.AccessUnits[0].Single(nal => H264Nal.Type(nal[0]) == H264Nal.Sps);
        Assert.Equal(sps, Assert.Single(sink.Units[^1].Parameters.Sps));
        Assert.True(sink.Units[^1].Parameters.IsComplete);
    }

    [Fact]
    public void Repeated_identical_in_band_parameter_sets_keep_the_same_instance_and_count_one_change()
    {
        var stream = streams.H264;
        var sink = new CollectingSink();
        using var depacketizer = new H264Depacketizer(TestPackets.NoH264Sets, sink, new DepacketizerOptions { PayloadType = 96 });

        RoundTrip.Run(stream, new H264Packetizer(96, 1), depacketizer);

        Assert.Equal(1, depacketizer.Statistics.ParameterSetChanges);
        Assert.All(sink.Units, unit => Assert.Same(sink.Units[0].Parameters, unit.Parameters));
    }

    [Fact]
    public void Sdp_parameter_sets_are_in_force_until_in_band_ones_replace_them()
    {
        var stream = streams.H264;
        Assert.True(SpropParameterSets.TryParseH264("Z0IAH+KQCgC3YC3AQEBpB4kRUA==,aM48gA==", out var fromSdp));
        var sink = new CollectingSink();
        using var depacketizer = new H264Depacketizer(fromSdp, sink, new DepacketizerOptions { PayloadType = 96 });
        var packetizer = new H264Packetizer(96, 1);

        // The first P-frame arrives alone: no in-band sets yet, the SDP ones apply.
        var pFrame = stream.AccessUnits[1].Where(nal => stream.IsKeptInData(nal));
        packetizer.PacketizeAccessUnit(EncodedStream.LengthPrefixed(pFrame), 0, packet => depacketizer.PushRtp(packet, TestPackets.Arrival));
        packetizer.PacketizeAccessUnit(EncodedStream.LengthPrefixed(stream.AccessUnits[0]), 3600, packet => depacketizer.PushRtp(packet, TestPackets.Arrival));
        depacketizer.Flush(); // libx264's SPS announces B-frames: the end of the stream releases the frames held for them

        Assert.Same(fromSdp, sink.Units[0].Parameters);
        Assert.NotEqual(fromSdp, sink.Units[1].Parameters);
        Assert.Equal(stream.AccessUnits[0].Single(nal => H264Nal.Type(nal[0]) == H264Nal.Pps), Assert.Single(sink.Units[1].Parameters.Pps));
    }
}
