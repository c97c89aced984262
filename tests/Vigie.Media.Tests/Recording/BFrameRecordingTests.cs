using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Export;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;
using Vigie.Media.Playback;
using Vigie.Media.Tests.Codecs;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Recording;

/// <summary>
/// Everything that reads recordings back — the index, playback from an instant, the snapshot of a recorded
/// instant, clip export with its edit list, the pre-alarm clip — on a camera that sends B-frames (x264,
/// three B-frames with a pyramid, a keyframe every second, 25 fps), recorded through the ingest's decode
/// timeline into 3 s segments. ffprobe and ffmpeg judge the results.
/// </summary>
public sealed class BFrameRecordingTests : IDisposable
{
    private const double FrameSeconds = 0.04;
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(40);
    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-bframe-recording-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_index_gives_each_segment_the_span_of_its_frames()
    {
        var (segments, _, _) = await RecordAsync(8);

        Assert.Equal(3, segments.Count);
        foreach (var segment in segments)
        {
            var probe = await FfprobeReport.ProbeAsync(segment.FullPath);
            Assert.InRange((segment.EndsAt - segment.StartsAt).TotalSeconds, (probe.Frames * FrameSeconds) - 0.001, (probe.Frames * FrameSeconds) + 0.001);
            Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(segment.FullPath));
        }

        Assert.Equal(Start + TimeSpan.FromSeconds(8), segments[^1].EndsAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Playback_from_an_instant_starts_at_the_keyframe_before_it_and_streams_one_valid_mp4()
    {
        var (segments, _, _) = await RecordAsync(8);
        using var cursor = new PlaybackCursor(new ListSource(segments), NullLogger.Instance);

        var first = await cursor.SeekAsync(Start + TimeSpan.FromMilliseconds(2200), Ct);
        var chunks = new List<PlaybackChunk>();
        while (await cursor.NextAsync(Ct) is { } chunk)
        {
            chunks.Add(chunk);
        }

        Assert.Equal(Start + TimeSpan.FromSeconds(2), first!.Value, TimeSpan.FromMilliseconds(1));
        var fragments = chunks.Where(c => c.Kind == PlaybackChunkKind.Fragment).ToList();
        Assert.All(fragments.Zip(fragments.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start, TimeSpan.FromMilliseconds(2)));
        var path = Path.Combine(_folder, "played.mp4");
        await File.WriteAllBytesAsync(path, [.. chunks.SelectMany(c => c.Data.ToArray())], Ct);
        var probe = await FfprobeReport.ProbeAsync(path);
        Assert.Equal(150, probe.Frames);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(path));
    }

    [Fact]
    public async Task A_snapshot_of_a_recorded_instant_shows_the_picture_the_encoder_presented_then()
    {
        var (segments, clip, folder) = await RecordAsync(6);
        var ffmpeg = new FfmpegRunner(NullLogger.Instance);

        // 4.53 s: shown last at or before it, the frame presented at 4.52 s (frame 113), a B-frame decoded
        // after the reference frame that follows it.
        var shot = await RecordedSnapshot.TakeAsync(segments[1], Start + TimeSpan.FromMilliseconds(4530), ffmpeg, _folder, NullLogger.Instance, Ct);

        Assert.NotNull(shot);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(4520), shot.Value.FrameAt, TimeSpan.FromMilliseconds(1));
        var taken = await GreyAsync(shot.Value.Jpeg, "shot");
        var distances = new Dictionary<int, double>();
        for (var frame = 110; frame <= 116; frame++)
        {
            distances[frame] = Distance(taken, await ReferenceFrameAsync(folder, clip, frame));
        }

        Assert.Equal(113, distances.MinBy(d => d.Value).Key);
    }

    [Fact]
    public async Task An_export_presents_the_requested_range_in_order_and_decodes_without_a_warning()
    {
        var (segments, _, _) = await RecordAsync(10);
        var from = Start + TimeSpan.FromMilliseconds(1500);
        var to = Start + TimeSpan.FromMilliseconds(7300);

        List<ClipFile> files;
        using (var writer = new ClipWriter(part => Path.Combine(_folder, "out", $"clip-{part}.mp4"), from, to))
        {
            foreach (var frame in RecordedFrameReader.Read(segments, from, to, NullLogger.Instance))
            {
                writer.Write(frame);
                frame.Unit.Release();
            }

            files = [.. writer.Finish()];
        }

        var file = Assert.Single(files);
        Assert.Equal((from, to), (file.StartsAt, file.EndsAt));
        Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(file.Path));
        // With the edit list applied: the frames shown from the requested start, one every 40 ms to its end.
        var probe = await FfTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", file.Path], Ct);
        var shown = probe.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => double.Parse(line.TrimEnd(','), CultureInfo.InvariantCulture)).Where(t => t >= -0.001).Order().ToList();
        Assert.InRange(shown[0], -0.001, 0.021);
        Assert.All(shown.Zip(shown.Skip(1), (a, b) => b - a), step => Assert.Equal(0.04, step, 3));
        Assert.InRange(shown[^1], 5.8 - FrameSeconds - 0.021, 5.8 + 0.021);
    }

    [Fact]
    public async Task The_pre_alarm_clip_gives_back_the_frames_in_decode_order_with_their_presentation_times()
    {
        var clip = await BFrameClip.EncodeAsync(VideoCodec.H264, _folder, 6);
        using var preAlarm = new Vigie.Media.Recording.RecordedPreAlarm(TimeSpan.FromSeconds(2));
        var index = new ListIndex();
        var units = clip.Units();
        using (var writer = new Vigie.Media.Recording.SegmentWriter(Path.Combine(_folder, "rec"), "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3), preAlarm))
        {
            Feed(units, writer);

            var taken = preAlarm.TakeClip();
            var path = Path.Combine(_folder, "prealarm.mp4");
            await using (var file = File.Create(path))
            {
                using var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions(), new StreamSink(file));
                foreach (var unit in taken)
                {
                    fragmenter.Push(unit);
                }

                fragmenter.Flush();
            }

            Assert.True(taken[0].IsKeyframe);
            Assert.Contains(taken, u => u.CompositionOffset != 0);
            Assert.Equal(taken.Select(u => u.DecodeTimestamp).Order(), taken.Select(u => u.DecodeTimestamp));
            Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(path));
            var recorded = await FfprobeReport.PacketPresentationTimesAsync(path);
            Assert.Equal(taken.Select(u => u.Timestamp - taken[0].Timestamp), recorded.Select(t => t - recorded[0]));
            Assert.Equal(taken.Count, (await FfprobeReport.ProbeAsync(path)).Frames);
            AnnexBTestSplitter.ReleaseAll(taken);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(List<RecordedSegmentRef> Segments, BFrameClip Clip, string Folder)> RecordAsync(int seconds)
    {
        var clip = await BFrameClip.EncodeAsync(VideoCodec.H264, _folder, seconds);
        var index = new ListIndex();
        using (var writer = new Vigie.Media.Recording.SegmentWriter(Path.Combine(_folder, "rec"), "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3)))
        {
            Feed(clip.Units(), writer);
        }

        // The clip has no wall clock: place the recording at a known instant, as the index would.
        var shift = Start - index.Segments[0].StartsAt;
        return ([.. index.Segments.Select(s => new RecordedSegmentRef(s.FullPath, s.StartsAt + shift, s.EndsAt + shift))], clip, _folder);
    }

    /// <summary>As the ingest does: the frames in arrival order through the decode timeline, then to the recorder.</summary>
    private static void Feed(List<AccessUnit> units, Vigie.Media.Recording.SegmentWriter writer)
    {
        var timeline = new DecodeTimeline(writer);
        foreach (var unit in units)
        {
            timeline.OnAccessUnit(unit);
            unit.Release();
        }

        timeline.Flush();
        Assert.Equal(0, timeline.LateFrames);
    }

    /// <summary>Frame <paramref name="index"/> in presentation order, decoded by ffmpeg from the encoder's own file.</summary>
    private static async Task<byte[]> ReferenceFrameAsync(string folder, BFrameClip clip, int index)
    {
        var source = Directory.GetFiles(folder, $"bframes-{clip.Codec}-*.mp4").Single();
        var output = Path.Combine(folder, FormattableString.Invariant($"reference-{index}.gray"));
        var result = await FfTool.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", source, "-vf", FormattableString.Invariant($"select=eq(n\\,{index}),scale=160:90,format=gray"), "-frames:v", "1", "-f", "rawvideo", output], Ct);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return await File.ReadAllBytesAsync(output, Ct);
    }

    private async Task<byte[]> GreyAsync(byte[] jpeg, string name)
    {
        var path = Path.Combine(_folder, name + ".jpg");
        await File.WriteAllBytesAsync(path, jpeg, Ct);
        var result = await FfTool.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", path, "-vf", "scale=160:90,format=gray", "-frames:v", "1", "-f", "rawvideo", path + ".gray"], Ct);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return await File.ReadAllBytesAsync(path + ".gray", Ct);
    }

    private static double Distance(byte[] a, byte[] b)
    {
        Assert.Equal(160 * 90, a.Length);
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / a.Length;
    }

    private sealed class ListSource(IReadOnlyList<RecordedSegmentRef> segments) : IRecordedSegmentSource
    {
        public ValueTask<IReadOnlyList<RecordedSegmentRef>> EndingAfterAsync(DateTimeOffset instant, int max, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<RecordedSegmentRef>>([.. segments.Where(s => s.EndsAt > instant).Take(max)]);

        public GrowingSegment? Growing() => null;
    }

    private sealed class ListIndex : Vigie.Media.Recording.ISegmentIndex
    {
        public List<Vigie.Media.Recording.CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(Vigie.Media.Recording.CompletedSegment segment) => Segments.Add(segment);
    }

    private sealed class StreamSink(Stream stream) : IMp4FragmentSink
    {
        public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters) => stream.Write(initSegment);

        public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info) => stream.Write(fragment);
    }
}
