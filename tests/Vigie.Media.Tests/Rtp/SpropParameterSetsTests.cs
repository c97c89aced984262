using Vigie.Media.Codecs;
using Vigie.Media.Rtp;

namespace Vigie.Media.Tests.Rtp;

public sealed class SpropParameterSetsTests
{
    [Fact]
    public void The_h264_base64_list_is_sorted_into_sps_and_pps_whatever_its_order()
    {
        Assert.True(SpropParameterSets.TryParseH264(" aM48gA==, Z0IAH+KQCgC3YC3AQEBpB4kRUA== ", out var parameters));

        Assert.Equal(VideoCodec.H264, parameters.Codec);
        Assert.Equal(H264Nal.Sps, H264Nal.Type(Assert.Single(parameters.Sps)[0]));
        Assert.Equal([0x68, 0xCE, 0x3C, 0x80], Assert.Single(parameters.Pps));
        Assert.True(parameters.IsComplete);
    }

    [Fact]
    public void A_missing_attribute_gives_empty_sets_to_be_filled_in_band()
    {
        Assert.True(SpropParameterSets.TryParseH264(null, out var parameters));
        Assert.False(parameters.IsComplete);
        Assert.True(SpropParameterSets.TryParseH265(null, "", null, out var hevc));
        Assert.Equal(VideoCodec.H265, hevc.Codec);
        Assert.False(hevc.IsComplete);
    }

    [Theory]
    [InlineData("Z0IAH+KQCgC3YC3AQEBpB4kRUA==,not base64!")]
    [InlineData("====")]
    public void Invalid_base64_from_a_camera_is_reported_not_thrown(string value)
    {
        Assert.False(SpropParameterSets.TryParseH264(value, out _));
        Assert.False(SpropParameterSets.TryParseH265(value, null, null, out _));
    }
}
