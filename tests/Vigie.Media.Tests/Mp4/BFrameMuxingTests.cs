using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Mp4;

/// <summary>
/// Streams with B-frames from real encoders (x264, x265), fed in decode order with only their presentation
/// times (what RTP carries) through the ingest's decode timeline and the fragmenter, then judged by ffprobe.
/// </summary>
public sealed class BFrameMuxingTests : IDisposable
{
    private const double FrameSeconds = 0.04;
    private readonly string _directory = Directory.CreateTempSubdirectory("vigie-bframes-").FullName;

    [Theory]
    [InlineData(VideoCodec.H264, 3)]
    [InlineData(VideoCodec.H264, 1)]
    [InlineData(VideoCodec.H265, 3)]
    public async Task A_b_frame_stream_is_muxed_with_the_encoder_presentation_times_and_decodes_without_a_warning(VideoCodec codec, int bFrames)
    {
        var clip = await BFrameClip.EncodeAsync(codec, _directory, seconds: 4, bFrames);
        Assert.Contains(clip.Presentation.Zip(clip.Presentation.Skip(1)), pair => pair.Second < pair.First); // the encoder did reorder

        var (file, fragments) = Mux(clip.Units(offset: 1_000_000));

        var probe = await FfprobeReport.ProbeAsync(file);
        Assert.Equal(100, probe.Frames);
        Assert.InRange(probe.Duration, 4.0 - FrameSeconds, 4.0 + FrameSeconds);
        Assert.Equal(4, probe.KeyPackets);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(file));
        var recorded = await FfprobeReport.PacketPresentationTimesAsync(file);
        Assert.Equal(clip.Presentation.Select(p => p - clip.Presentation[0]), recorded.Select(p => p - recorded[0]));
        Assert.Equal(4, fragments.Count);
        Assert.All(fragments, f => Assert.True(f.StartsWithKeyframe));
    }

    [Fact]
    public async Task The_reader_gives_back_the_presentation_times_of_a_b_frame_segment()
    {
        var clip = await BFrameClip.EncodeAsync(VideoCodec.H264, _directory, seconds: 2);

        var (file, _) = Mux(clip.Units());

        var layout = Mp4FileReader.Read(new MemoryStream(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)));
        var samples = layout.Fragments.SelectMany(f => f.Samples).ToList();
        Assert.Equal(clip.Presentation.Select(p => (ulong)(p - clip.Presentation[0])), samples.Select(s => s.PresentationTime));
        Assert.Equal(samples.Select(s => s.DecodeTime).Order(), samples.Select(s => s.DecodeTime));
        Assert.Contains(samples, s => s.CompositionOffset < 0);
        Assert.Equal(0, samples[0].CompositionOffset); // a closed GOP's keyframe is decoded when it is shown
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (string File, List<Mp4FragmentInfo> Fragments) Mux(List<AccessUnit> units)
    {
        using var sink = new SegmentFileSink(Directory.CreateDirectory(Path.Combine(_directory, Guid.NewGuid().ToString("N"))).FullName);
        using (var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), sink))
        {
            var timeline = new DecodeTimeline(new FragmenterSink(fragmenter));
            foreach (var unit in units)
            {
                timeline.OnAccessUnit(unit);
                unit.Release();
            }

            timeline.Flush();
            fragmenter.Flush();
            Assert.Equal(0, fragmenter.DroppedUnits);
            Assert.Equal(0, timeline.LateFrames);
        }

        return (Assert.Single(sink.Files), sink.Fragments[0]);
    }

    private sealed class FragmenterSink(Mp4Fragmenter fragmenter) : IAccessUnitSink
    {
        public void OnAccessUnit(AccessUnit unit) => fragmenter.Push(unit);
    }
}
