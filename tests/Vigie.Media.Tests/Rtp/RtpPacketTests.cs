using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void A_plain_packet_exposes_every_header_field_and_its_payload()
    {
        var bytes = TestPackets.Rtp(sequence: 0xBEEF, timestamp: 0x0102_0304, marker: true, payload: [0x65, 0xAA], payloadType: 96, ssrc: 0x1122_3344);

        Assert.True(RtpPacket.TryParse(bytes, out var packet, out var error));

        Assert.Equal(RtpParseError.None, error);
        Assert.True(packet.Marker);
        Assert.Equal(96, packet.PayloadType);
        Assert.Equal(0xBEEF, packet.SequenceNumber);
        Assert.Equal(0x0102_0304u, packet.Timestamp);
        Assert.Equal(0x1122_3344u, packet.Ssrc);
        Assert.Equal([0x65, 0xAA], packet.Payload.ToArray());
    }

    [Fact]
    public void Csrcs_header_extension_and_padding_are_skipped_to_reach_the_payload()
    {
        byte[] bytes =
        [
            0xB2, 0x60, 0x00, 0x01, 0, 0, 0, 9, 0, 0, 0, 7,   // V=2 P=1 X=1 CC=2, PT 96
            1, 1, 1, 1, 2, 2, 2, 2,                            // two CSRCs
            0xBE, 0xDE, 0x00, 0x01, 9, 9, 9, 9,                // one-word extension (RFC 8285 profile)
            0x41, 0x42, 0x43,                                  // payload
            0, 0, 3,                                           // three bytes of padding
        ];

        Assert.True(RtpPacket.TryParse(bytes, out var packet, out _));

        Assert.Equal(2, packet.CsrcCount);
        Assert.False(packet.Marker);
        Assert.Equal([0x41, 0x42, 0x43], packet.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0 }, RtpParseError.TooShort)]
    [InlineData(new byte[] { 0x40, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x65 }, RtpParseError.BadVersion)]
    [InlineData(new byte[] { 0x83, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1 }, RtpParseError.TooShort)]
    [InlineData(new byte[] { 0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE }, RtpParseError.ExtensionOverflow)]
    [InlineData(new byte[] { 0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4 }, RtpParseError.ExtensionOverflow)]
    [InlineData(new byte[] { 0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x65, 5 }, RtpParseError.BadPadding)]
    [InlineData(new byte[] { 0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x65, 0 }, RtpParseError.BadPadding)]
    public void Malformed_packets_are_rejected_with_a_reason_and_no_exception(byte[] bytes, RtpParseError expected)
    {
        Assert.False(RtpPacket.TryParse(bytes, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(42);
        var buffer = new byte[64];
        for (var i = 0; i < 10_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            _ = RtpPacket.TryParse(buffer.AsSpan(0, length), out _, out _);
        }
    }
}
