using Vigie.Media.Codecs;
using Vigie.Media.Mp4;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Mp4;

/// <summary>Mux ffmpeg-encoded streams with our fragmenter, then let ffprobe/ffmpeg judge the files.</summary>
public sealed class Mp4MuxingTests(EncodedClips clips) : IDisposable
{
    private const double FrameSeconds = 0.04;
    private readonly string _directory = Directory.CreateTempSubdirectory("vigie-mp4-").FullName;

    [Theory]
    [InlineData("h264", 1280, 720)]
    [InlineData("h264", 640, 360)]
    [InlineData("hevc", 1280, 720)]
    [InlineData("hevc", 1278, 718)]
    public async Task A_muxed_stream_probes_with_its_codec_size_frame_count_and_duration(string codec, int width, int height)
    {
        var stream = codec == "h264" ? await clips.H264Async(width, height, 4) : await clips.H265Async(width, height, 4);
        var sink = Mux(stream, codec == "h264" ? VideoCodec.H264 : VideoCodec.H265, new Mp4FragmenterOptions());

        var file = Assert.Single(sink.Files);
        var probe = await FfprobeReport.ProbeAsync(file);

        Assert.Equal(codec, probe.Codec);
        Assert.Equal((width, height), (probe.Width, probe.Height));
        Assert.Equal(100, probe.Frames);
        Assert.InRange(probe.Duration, 4.0 - FrameSeconds, 4.0 + FrameSeconds);
        Assert.Equal(4, probe.KeyPackets); // one sync sample per GOP of 25 frames
        Assert.Equal(4, sink.Fragments[0].Count); // one fragment per GOP
        Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(file));
    }

    [Fact]
    public async Task Short_fragments_cut_inside_a_gop_still_decode_completely()
    {
        var stream = await clips.H264Async(640, 360, 4);
        var sink = Mux(stream, VideoCodec.H264, new Mp4FragmenterOptions { MaxFragmentDuration = TimeSpan.FromMilliseconds(200) });

        var probe = await FfprobeReport.ProbeAsync(sink.Files[0]);

        Assert.Equal(20, sink.Fragments[0].Count); // 5 frames of 40 ms each
        Assert.Equal(16, sink.Fragments[0].Count(f => !f.StartsWithKeyframe));
        Assert.Equal(100, probe.Frames);
        Assert.Equal(4, probe.KeyPackets);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(sink.Files[0]));
    }

    [Fact]
    public async Task A_resolution_change_starts_a_new_segment_file_that_probes_on_its_own()
    {
        // Design: a new init is only ever written at the start of a new segment file; files never mix inits.
        var first = await clips.H264Async(1280, 720, 2);
        var second = await clips.H264Async(640, 360, 2);
        var sink = Mux([.. first, .. second], VideoCodec.H264, new Mp4FragmenterOptions());

        Assert.Equal(2, sink.Files.Count);
        var before = await FfprobeReport.ProbeAsync(sink.Files[0]);
        var after = await FfprobeReport.ProbeAsync(sink.Files[1]);

        Assert.Equal((1280, 720, 50), (before.Width, before.Height, before.Frames));
        Assert.Equal((640, 360, 50), (after.Width, after.Height, after.Frames));
        Assert.InRange(after.Duration, 2.0 - FrameSeconds, 2.0 + FrameSeconds);
        Assert.Equal(0ul, sink.Fragments[1][0].BaseMediaDecodeTime);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(sink.Files[0]));
        Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(sink.Files[1]));
    }

    [Fact]
    public async Task A_file_cut_inside_an_mdat_or_a_moof_is_truncated_to_its_last_complete_fragment_and_plays()
    {
        var stream = await clips.H264Async(640, 360, 4);
        var sink = Mux(stream, VideoCodec.H264, new Mp4FragmenterOptions());
        var whole = await File.ReadAllBytesAsync(sink.Files[0], TestContext.Current.CancellationToken);
        var fragments = sink.Fragments[0];

        var intact = Mp4TornFileScanner.Scan(new MemoryStream(whole));
        Assert.False(intact.IsTorn);
        Assert.Equal((4, fragments[^1].EndOffset), (intact.FragmentCount, intact.CompleteLength));

        // Cut in the third fragment's mdat, then in its moof (20 bytes in: inside mfhd/traf).
        foreach (var cut in new[] { fragments[2].EndOffset - 1000, fragments[2].StartOffset + 20 })
        {
            var torn = Path.Combine(_directory, $"torn-{cut}.mp4");
            await File.WriteAllBytesAsync(torn, whole[..(int)cut], TestContext.Current.CancellationToken);

            var result = Mp4TornFileScanner.TruncateTornTail(torn);

            Assert.True(result.IsTorn);
            Assert.Equal(fragments[1].EndOffset, result.CompleteLength);
            Assert.Equal(2, result.FragmentCount);
            Assert.Equal(fragments[1].EndOffset, new FileInfo(torn).Length);
            var probe = await FfprobeReport.ProbeAsync(torn);
            Assert.Equal(fragments[0].SampleCount + fragments[1].SampleCount, probe.Frames);
            Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(torn));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SegmentFileSink Mux(byte[] stream, VideoCodec codec, Mp4FragmenterOptions options)
    {
        var units = AnnexBTestSplitter.ToAccessUnits(stream, codec, firstTimestamp: 123_456_789);
        using var sink = new SegmentFileSink(_directory);
        using (var fragmenter = new Mp4Fragmenter(options, sink))
        {
            foreach (var unit in units)
            {
                fragmenter.Push(unit);
            }

            fragmenter.Flush();
            Assert.Equal(0, fragmenter.DroppedUnits);
        }

        AnnexBTestSplitter.ReleaseAll(units);
        return sink;
    }
}
