using System.Globalization;
using Vigie.Media.Codecs;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Codecs;

/// <summary>The reorder depth the SPS states, against what ffprobe reads from the same encoder's output.</summary>
public sealed class ReorderDepthTests(EncodedClips clips) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigie-reorder-").FullName;

    [Theory]
    [InlineData(VideoCodec.H264, 3)]
    [InlineData(VideoCodec.H264, 1)]
    [InlineData(VideoCodec.H265, 3)]
    [InlineData(VideoCodec.H265, 1)]
    public async Task The_sps_of_a_b_frame_encoder_states_the_depth_ffprobe_reads(VideoCodec codec, int bFrames)
    {
        var clip = await BFrameClip.EncodeAsync(codec, _directory, seconds: 1, bFrames);
        var sps = AnnexBTestSplitter.FirstSps(clip.AnnexB, codec);
        var parameters = new ParameterSets(codec, [], [sps], []);

        Assert.Equal(await FfprobeDepthAsync(codec, bFrames), parameters.MaxReorderFrames);
        Assert.True(parameters.MaxReorderFrames > 0);
    }

    [Fact]
    public async Task Streams_without_b_frames_state_a_depth_of_zero()
    {
        var avc = AnnexBTestSplitter.FirstSps(await clips.H264Async(640, 360, 0.2), VideoCodec.H264);
        var hevc = AnnexBTestSplitter.FirstSps(await clips.H265Async(640, 360, 0.2), VideoCodec.H265);

        Assert.True(H264Sps.TryParse(avc, out var h264));
        Assert.True(H265Sps.TryParse(hevc, out var h265));
        Assert.Equal((0, 0), (h264!.MaxReorderFrames, h265!.MaxReorderFrames));
    }

    [Fact]
    public void A_hand_built_sps_is_read_with_the_depth_it_states()
    {
        for (var depth = 0; depth <= 4; depth++)
        {
            Assert.True(H265Sps.TryParse(Hevc.SpsWithReorder(depth), out var sps));
            Assert.Equal(depth, sps!.MaxReorderFrames);
            Assert.Equal((640, 360), (sps.Width, sps.Height));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<int> FfprobeDepthAsync(VideoCodec codec, int bFrames)
    {
        var mp4 = Path.Combine(_directory, $"bframes-{codec}-{bFrames}-1.mp4");
        var probe = await FfTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=has_b_frames", "-of", "csv=p=0", mp4], TestContext.Current.CancellationToken);
        return int.Parse(probe.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }
}
