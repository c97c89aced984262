using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Codecs;

public sealed class H264SpsTests(EncodedClips clips)
{
    [Theory]
    [InlineData(1280, 720, 1280, 720)]
    [InlineData(640, 360, 640, 368)]
    [InlineData(1920, 1080, 1920, 1088)]
    [InlineData(1278, 718, 1280, 720)]
    public async Task Sizes_of_x264_streams_are_read_after_frame_cropping(int width, int height, int codedWidth, int codedHeight)
    {
        var stream = await clips.H264Async(width, height, 0.2);

        Assert.True(H264Sps.TryParse(AnnexBTestSplitter.FirstSps(stream, VideoCodec.H264), out var sps));

        Assert.Equal((width, height), (sps!.Width, sps.Height));
        Assert.Equal((codedWidth, codedHeight), (sps.CodedWidth, sps.CodedHeight));
        Assert.Equal(100, sps.ProfileIdc); // x264 defaults to High
        Assert.Equal(1u, sps.ChromaFormatIdc);
        Assert.Equal(8u, sps.BitDepthLuma);
        Assert.True(sps.FrameMbsOnly);
    }

    [Fact]
    public async Task An_sps_with_scaling_matrices_still_gives_the_right_size()
    {
        // cqm=jvt makes x264 write seq_scaling_matrix_present_flag and explicit lists (§7.3.2.1.1.1).
        var stream = await clips.H264Async(1920, 1080, 0.2, extraX264Params: "cqm=jvt");

        Assert.True(H264Sps.TryParse(AnnexBTestSplitter.FirstSps(stream, VideoCodec.H264), out var sps));

        Assert.Equal((1920, 1080), (sps!.Width, sps.Height));
    }

    [Fact]
    public async Task A_high_444_sps_gives_chroma_format_3_and_uncropped_chroma_units()
    {
        var stream = await clips.H264Async(1278, 718, 0.2, pixelFormat: "yuv444p");

        Assert.True(H264Sps.TryParse(AnnexBTestSplitter.FirstSps(stream, VideoCodec.H264), out var sps));

        Assert.Equal(244, sps!.ProfileIdc);
        Assert.Equal(3u, sps.ChromaFormatIdc);
        Assert.Equal((1278, 718), (sps.Width, sps.Height));
    }

    [Fact]
    public async Task A_truncated_sps_is_refused_or_parsed_identically_and_never_throws()
    {
        var full = AnnexBTestSplitter.FirstSps(await clips.H264Async(640, 360, 0.2), VideoCodec.H264);
        Assert.True(H264Sps.TryParse(full, out var expected));

        for (var length = 0; length < full.Length; length++)
        {
            if (H264Sps.TryParse(full.AsSpan(0, length), out var partial))
            {
                Assert.Equal((expected!.Width, expected.Height), (partial!.Width, partial.Height));
            }
        }

        Assert.False(H264Sps.TryParse(full.AsSpan(0, 6), out _));
    }

    [Fact]
    public void Random_bytes_are_refused_without_exceptions()
    {
        var random = new Random(20240601);
        var buffer = new byte[64];
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = 0x67; // a valid SPS header, so the body's garbage is what gets parsed
            var length = random.Next(0, buffer.Length);
            if (H264Sps.TryParse(buffer.AsSpan(0, length), out var sps))
            {
                accepted++;
                Assert.InRange(sps!.Width, 1, 16384);
                Assert.InRange(sps.Height, 1, 32768);
            }
        }

        Assert.True(accepted < 20_000 / 100, $"{accepted} garbage SPS accepted");
    }

    [Fact]
    public void A_nal_unit_that_is_not_an_sps_is_refused()
    {
        Assert.False(H264Sps.TryParse([0x68, 0xEE, 0x3C, 0x80], out _)); // a PPS
        Assert.False(H264Sps.TryParse([], out _));
        Assert.False(H264Sps.TryParse([0xE7, 0x64, 0x00, 0x1F, 0xAC], out _)); // forbidden_zero_bit set
    }
}
