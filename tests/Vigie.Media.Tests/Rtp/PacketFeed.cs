using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

/// <summary>Feeds hand-built payloads to a depacketiser with consecutive sequence numbers.</summary>
internal sealed class PacketFeed(RtpVideoDepacketizer depacketizer, ushort firstSequence = 1000)
{
    public ushort NextSequence { get; set; } = firstSequence;

    public void Send(uint timestamp, bool marker, ReadOnlySpan<byte> payload, byte payloadType = TestPackets.PayloadType, uint ssrc = TestPackets.Ssrc) =>
        depacketizer.PushRtp(TestPackets.Rtp(NextSequence++, timestamp, marker, payload, payloadType, ssrc), TestPackets.Arrival);

    /// <summary>Skips sequence numbers, as if those packets were lost on the way.</summary>
    public void Lose(int packets) => NextSequence += (ushort)packets;

    /// <summary>A whole good P-frame as one single NAL unit packet with the marker set.</summary>
    public byte[] SendGoodFrame(uint timestamp, byte seed = 7)
    {
        var slice = TestPackets.H264Slice(idr: false, 40, seed);
        Send(timestamp, marker: true, slice);
        return slice;
    }

    /// <summary>A whole frame as FU-A fragments.</summary>
    public void SendFragmented(uint timestamp, byte[] nal, int fragments, bool marker = true)
    {
        var parts = TestPackets.FuA(nal, fragments);
        for (var i = 0; i < parts.Count; i++)
        {
            Send(timestamp, marker && i == parts.Count - 1, parts[i]);
        }
    }
}
