using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Codecs;

public sealed class H265SpsTests(EncodedClips clips)
{
    [Theory]
    [InlineData(1280, 720, 1280, 720)]
    [InlineData(640, 360, 640, 368)] // x265 pads to its 16-pixel minimum coding block
    [InlineData(1278, 718, 1280, 720)]
    public async Task Sizes_of_x265_streams_are_read_after_the_conformance_window(int width, int height, int codedWidth, int codedHeight)
    {
        var stream = await clips.H265Async(width, height, 0.2);

        Assert.True(H265Sps.TryParse(AnnexBTestSplitter.FirstSps(stream, VideoCodec.H265), out var sps));

        Assert.Equal((width, height), (sps!.Width, sps.Height));
        Assert.Equal((codedWidth, codedHeight), (sps.CodedWidth, sps.CodedHeight));
        Assert.Equal(1, sps.ProfileIdc); // Main
        Assert.Equal(1u, sps.ChromaFormatIdc);
        Assert.Equal(8u, sps.BitDepthLuma);
        Assert.NotEqual(0, sps.LevelIdc);
    }

    [Fact]
    public async Task A_truncated_sps_is_refused_or_parsed_identically_and_never_throws()
    {
        var full = AnnexBTestSplitter.FirstSps(await clips.H265Async(640, 360, 0.2), VideoCodec.H265);
        Assert.True(H265Sps.TryParse(full, out var expected));

        for (var length = 0; length < full.Length; length++)
        {
            if (H265Sps.TryParse(full.AsSpan(0, length), out var partial))
            {
                Assert.Equal((expected!.Width, expected.Height), (partial!.Width, partial.Height));
            }
        }

        Assert.False(H265Sps.TryParse(full.AsSpan(0, 12), out _));
    }

    [Fact]
    public void Random_bytes_are_refused_without_exceptions()
    {
        var random = new Random(20240602);
        var buffer = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = 0x42; // SPS_NUT header
            buffer[1] = 0x01;
            if (H265Sps.TryParse(buffer.AsSpan(0, random.Next(0, buffer.Length)), out var sps))
            {
                Assert.InRange(sps!.Width, 1, 16384);
                Assert.InRange(sps.Height, 1, 16384);
            }
        }
    }

    [Fact]
    public void A_nal_unit_that_is_not_an_sps_is_refused()
    {
        var vps = new byte[24];
        vps[0] = 0x40; // VPS_NUT
        vps[1] = 0x01;
        Assert.False(H265Sps.TryParse(vps, out _));
        Assert.False(H265Sps.TryParse([], out _));
    }
}
