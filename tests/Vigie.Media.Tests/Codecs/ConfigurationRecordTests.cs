using System.Buffers.Binary;
using System.Collections.Immutable;
using Vigie.Media.Codecs;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Codecs;

public sealed class ConfigurationRecordTests(EncodedClips clips)
{
    [Theory]
    [InlineData(1280, 720, "")]
    [InlineData(1920, 1080, "cqm=jvt")]
    public async Task The_avcC_record_is_byte_identical_to_the_one_ffmpeg_writes(int width, int height, string x264Params)
    {
        var stream = await clips.H264Async(width, height, 0.2, extraX264Params: x264Params);
        var parameters = ParametersOf(stream, VideoCodec.H264);

        Assert.True(AvcConfigurationRecord.TryCreate(parameters, out var record));

        var reference = await FfmpegRecordAsync(stream, "h264", "avcC"u8.ToArray());
        Assert.Equal(reference, record!.Bytes.ToArray());
        Assert.StartsWith("avc1.6400", record.CodecString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hvcC_record_carries_the_same_profile_tier_level_and_parameter_sets_as_ffmpegs()
    {
        var stream = await clips.H265Async(1280, 720, 0.2);
        var parameters = ParametersOf(stream, VideoCodec.H265);

        Assert.True(HevcConfigurationRecord.TryCreate(parameters, out var record));

        var reference = await FfmpegRecordAsync(stream, "hevc", "hvcC"u8.ToArray());
        var ours = record!.Bytes.ToArray();
        // Bytes 0..12: version, profile space/tier/idc, compatibility flags, constraint flags, level.
        Assert.Equal(reference[..13], ours[..13]);
        Assert.Equal(reference[16..19], ours[16..19]); // chroma format and bit depths
        Assert.Equal(reference[21] & 0x3F, ours[21] & 0x3F); // layers, nesting, length size
        foreach (var set in parameters.Vps.Concat(parameters.Sps).Concat(parameters.Pps))
        {
            Assert.True(ours.AsSpan().IndexOf(set) > 0);
            Assert.True(reference.AsSpan().IndexOf(set) > 0);
        }

        // x265 sets general_progressive_source_flag and general_frame_only_constraint_flag: 0x90.
        Assert.Matches(@"^hvc1\.1\.6\.L\d+\.90$", record.CodecString);
    }

    [Fact]
    public void Incomplete_or_foreign_parameter_sets_make_no_record()
    {
        var noPps = new ParameterSets(VideoCodec.H264, [], [[0x67, 0x64, 0x00, 0x1F]], []);
        Assert.False(AvcConfigurationRecord.TryCreate(noPps, out _));

        var garbageSps = new ParameterSets(VideoCodec.H264, [], [[0x67, 0xFF, 0xFF]], [[0x68, 0xEE]]);
        Assert.False(AvcConfigurationRecord.TryCreate(garbageSps, out _));

        var h265AsH264 = new ParameterSets(VideoCodec.H265, [[0x40, 0x01]], [[0x42, 0x01]], [[0x44, 0x01]]);
        Assert.False(AvcConfigurationRecord.TryCreate(h265AsH264, out _));
        Assert.False(HevcConfigurationRecord.TryCreate(h265AsH264, out _));
    }

    internal static ParameterSets ParametersOf(byte[] stream, VideoCodec codec)
    {
        var nals = AnnexBTestSplitter.SplitNalUnits(stream);
        byte[] First(int type) => nals.First(n => AnnexBTestSplitter.NalType(n, codec) == type);
        return codec == VideoCodec.H264
            ? new ParameterSets(codec, [], [First(7)], [First(8)])
            : new ParameterSets(codec, [First(32)], [First(33)], [First(34)]);
    }

    /// <summary>Lets ffmpeg mux the stream into MP4 and returns its avcC/hvcC payload.</summary>
    private async Task<byte[]> FfmpegRecordAsync(byte[] stream, string format, byte[] boxType)
    {
        var input = Path.Combine(clips.Directory, $"{Guid.NewGuid():N}.{format}");
        var output = Path.ChangeExtension(input, ".mp4");
        await File.WriteAllBytesAsync(input, stream, TestContext.Current.CancellationToken);
        var result = await FfTool.RunAsync("ffmpeg", ["-v", "error", "-f", format, "-i", input, "-c", "copy", output], TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var mp4 = await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        var at = mp4.AsSpan().IndexOf(boxType);
        var size = BinaryPrimitives.ReadInt32BigEndian(mp4.AsSpan(at - 4));
        return mp4.AsSpan(at + 4, size - 8).ToArray();
    }
}
