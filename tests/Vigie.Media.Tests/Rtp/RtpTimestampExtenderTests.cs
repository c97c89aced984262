using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class RtpTimestampExtenderTests
{
    [Fact]
    public void Timestamps_keep_increasing_through_the_32_bit_wrap()
    {
        var extender = new RtpTimestampExtender();

        Assert.Equal(uint.MaxValue - 1799L, extender.Extend(uint.MaxValue - 1799));
        Assert.Equal(uint.MaxValue + 1801L, extender.Extend(1800));
        Assert.Equal(uint.MaxValue + 5401L, extender.Extend(5400));
    }

    [Fact]
    public void A_b_frame_timestamp_that_steps_back_across_the_wrap_stays_before_its_successor()
    {
        var extender = new RtpTimestampExtender();
        extender.Extend(1800);

        Assert.Equal(-1800L, extender.Extend(uint.MaxValue - 1799));
        Assert.Equal(5400L, extender.Extend(5400));
    }
}
