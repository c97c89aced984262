using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class RtcpTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sender_report_after_a_receiver_report_in_a_compound_packet_is_found()
    {
        byte[] receiverReport = [0x80, 201, 0, 1, 0, 0, 0, 1];
        var senderReport = new byte[28];
        RtcpReader.WriteSenderReport(new RtcpSenderReport(0xAABB_CCDD, NtpTime.FromDateTimeOffset(Noon), 123_456, 10, 2000), senderReport);
        byte[] sdes = [0x81, 202, 0, 2, 0xAA, 0xBB, 0xCC, 0xDD, 1, 1, 0x41, 0];

        Assert.True(RtcpReader.TryReadSenderReport([.. receiverReport, .. senderReport, .. sdes], out var report));

        Assert.Equal(0xAABB_CCDDu, report.Ssrc);
        Assert.Equal(123_456u, report.RtpTimestamp);
        Assert.Equal(10u, report.PacketCount);
        Assert.Equal(2000u, report.OctetCount);
        Assert.Equal(Noon, report.WallClock);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 200, 0, 6, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x80, 200, 0, 1, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x40, 200, 0, 0 })]
    [InlineData(new byte[] { })]
    public void Truncated_or_foreign_rtcp_yields_no_report_and_no_exception(byte[] bytes)
    {
        Assert.False(RtcpReader.TryReadSenderReport(bytes, out _));
    }

    [Fact]
    public void Ntp_time_converts_to_utc_in_both_eras()
    {
        // 2024-01-01T00:00:00Z is 3 913 056 000 s after the NTP epoch.
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), NtpTime.ToDateTimeOffset(3_913_056_000UL << 32));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, 500, TimeSpan.Zero), NtpTime.ToDateTimeOffset((3_913_056_000UL << 32) | 0x8000_0000));

        var after2036 = new DateTimeOffset(2040, 6, 1, 8, 30, 0, TimeSpan.Zero);
        Assert.Equal(after2036, NtpTime.ToDateTimeOffset(NtpTime.FromDateTimeOffset(after2036)));
    }

    [Fact]
    public void Rtp_timestamps_map_to_wall_clock_across_the_rtp_wrap()
    {
        var clock = new RtpWallClock(90_000);
        Assert.Null(clock.Map(0));

        clock.Update(new RtcpSenderReport(1, NtpTime.FromDateTimeOffset(Noon), uint.MaxValue - 89_999, 0, 0));

        // One second after the report's RTP time, which lies after the 32-bit wrap.
        Assert.Equal(Noon.AddSeconds(1), clock.Map(uint.MaxValue + 1L));
        Assert.Equal(Noon.AddSeconds(-1), clock.Map(uint.MaxValue - 179_999L));
    }
}
