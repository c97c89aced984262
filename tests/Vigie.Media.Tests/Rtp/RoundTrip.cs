using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

/// <summary>Packetises a real stream and feeds every packet to a depacketiser, as a camera and Vigie would.</summary>
internal static class RoundTrip
{
    /// <summary>Starts just before the 32-bit RTP timestamp wraps, so every round trip crosses it.</summary>
    public const uint FirstTimestamp = uint.MaxValue - (3600 * 10);

    public const int FrameDuration = 3600;

    public static Result Run(EncodedStream stream, RtpPacketizer packetizer, RtpVideoDepacketizer depacketizer)
    {
        var packets = 0;
        var fragments = 0;
        var timestamp = FirstTimestamp;
        foreach (var accessUnit in stream.AccessUnits)
        {
            packetizer.PacketizeAccessUnit(EncodedStream.LengthPrefixed(accessUnit), timestamp, packet =>
            {
                packets++;
                var type = stream.Codec == Vigie.Media.Codecs.VideoCodec.H264 ? Vigie.Media.Codecs.H264Nal.Type(packet[12]) : Vigie.Media.Codecs.H265Nal.Type(packet[12]);
                fragments += type is Vigie.Media.Codecs.H264Nal.FuA or Vigie.Media.Codecs.H265Nal.FragmentationUnit ? 1 : 0;
                depacketizer.PushRtp(packet, TestPackets.Arrival);
            });
            timestamp += FrameDuration;
        }

        // End of stream: the frames held to order B-frames' decode times go out.
        depacketizer.Flush();
        return new Result(packets, fragments);
    }

    public static void AssertIdentical(EncodedStream stream, CollectingSink sink, Result result)
    {
        Assert.Equal(stream.AccessUnits.Count, sink.Units.Count);
        for (var i = 0; i < stream.AccessUnits.Count; i++)
        {
            var expected = stream.AccessUnits[i].Where(stream.IsKeptInData).ToList();
            var actual = sink.Units[i];
            Assert.Equal(expected.Count, actual.NalUnits.Count);
            for (var n = 0; n < expected.Count; n++)
            {
                Assert.Equal(expected[n], actual.NalUnits[n]);
            }

            Assert.Equal(stream.IsKeyframe(stream.AccessUnits[i]), actual.IsKeyframe);
            Assert.Equal((long)FirstTimestamp + ((long)i * FrameDuration), actual.Timestamp);
        }

        Assert.True(result.Packets >= stream.AccessUnits.Count);
    }

    internal readonly record struct Result(int Packets, int FragmentPackets);
}
