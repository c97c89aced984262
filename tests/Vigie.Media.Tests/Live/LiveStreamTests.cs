using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Live;
using Vigie.Media.Mp4;
using Vigie.Media.Tests.Codecs;
using Vigie.Media.Tests.Mp4;
using Vigie.Media.Tests.Recording;

namespace Vigie.Media.Tests.Live;

public sealed class LiveStreamTests(EncodedClips clips)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_joining_mid_gop_starts_at_the_cached_keyframe_and_its_bytes_are_a_playable_fmp4()
    {
        var units = await UnitsAsync(640, 360, 3);
        using var stream = new LiveStream("cam", NullLogger.Instance);
        using var viewer = new LiveViewer(capacity: 200);

        // 1 s GOP at 25 fps: join at frame 35, ten frames into the second GOP.
        for (var i = 0; i < 35; i++)
        {
            stream.OnAccessUnit(units[i]);
        }

        Assert.Equal(10, stream.CachedFragments);
        stream.Attach(viewer);
        for (var i = 35; i < units.Count; i++)
        {
            stream.OnAccessUnit(units[i]);
        }

        stream.Dispose();
        var chunks = await DrainAsync(viewer);
        AnnexBTestSplitter.ReleaseAll(units);

        Assert.Equal(LiveChunkKind.Init, chunks[0].Kind);
        Assert.True(chunks[1].IsKeyframe);
        Assert.Equal(75 - 25 + 1, chunks.Count); // init + frames 25..74, one fragment each
        var probe = await ProbeConcatenatedAsync(chunks);
        Assert.Equal((640, 360), (probe.Width, probe.Height));
        Assert.Equal(50, probe.Frames);
        Release(chunks);
    }

    [Fact]
    public async Task A_b_frame_camera_streams_live_in_its_presentation_order_and_decodes_without_a_warning()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-live-bframes-").FullName;
        var clip = await BFrameClip.EncodeAsync(VideoCodec.H264, folder, seconds: 3);
        var units = clip.Units(offset: 9_000_000);
        using var stream = new LiveStream("cam", NullLogger.Instance);
        using var viewer = new LiveViewer(capacity: 200);
        var timeline = new DecodeTimeline(stream);

        // The viewer joins ten frames into the second GOP, as on the wall.
        for (var i = 0; i < units.Count; i++)
        {
            if (i == 35)
            {
                stream.Attach(viewer);
            }

            timeline.OnAccessUnit(units[i]);
            units[i].Release();
        }

        timeline.Flush();
        stream.Dispose();
        var chunks = await DrainAsync(viewer);
        var path = Path.Combine(folder, "live.mp4");
        await File.WriteAllBytesAsync(path, [.. chunks.SelectMany(c => c.Data.ToArray())], Ct);
        Release(chunks);

        Assert.True(chunks[1].IsKeyframe);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeWarningsAsync(path));
        var sent = clip.Presentation.Skip(25).ToList();
        var played = await FfprobeReport.PacketPresentationTimesAsync(path);
        Assert.Equal(sent.Select(t => t - sent[0]), played.Select(t => t - played[0]));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Fragment_decode_times_follow_the_frame_timestamps_even_when_frames_are_missing()
    {
        var units = await UnitsAsync(640, 360, 2);
        var sink = new CollectingSink();
        using (var fragmenter = new Mp4Fragmenter(new Mp4FragmenterOptions { EmitEachFrame = true }, sink))
        {
            foreach (var unit in units.Where((_, i) => i is < 10 or >= 15))
            {
                fragmenter.Push(unit);
                // Emitted at once: the live viewer does not wait for the next frame.
                Assert.Equal(unit.Timestamp - units[0].Timestamp, (long)sink.Fragments[^1].BaseMediaDecodeTime);
            }
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.All(sink.Fragments, f => Assert.Equal(1, f.SampleCount));
        Assert.All(sink.Fragments, f => Assert.Equal(3600ul, f.Duration));
    }

    [Fact]
    public async Task A_viewer_that_never_reads_skips_to_keyframes_and_never_holds_up_the_others()
    {
        var units = await UnitsAsync(640, 360, 4);
        using var stream = new LiveStream("cam", NullLogger.Instance);
        using var stuck = new LiveViewer(capacity: 10);
        using var reader = new LiveViewer(capacity: 10);
        stream.Attach(stuck);
        stream.Attach(reader);
        var received = new List<LiveChunk>();

        foreach (var unit in units)
        {
            stream.OnAccessUnit(unit); // never blocks, whoever reads or not
            while (reader.Reader.TryRead(out var chunk))
            {
                received.Add(chunk);
            }
        }

        stream.Dispose();
        AnnexBTestSplitter.ReleaseAll(units);

        Assert.Equal(100 + 1, received.Count);
        Assert.Equal(0, reader.Skipped);
        Assert.Equal(100 - 9, stuck.Skipped); // it got the init and nine frames, then nothing fitted
        var stuckChunks = await DrainAsync(stuck);
        Assert.Equal(10, stuckChunks.Count);
        Release(stuckChunks);
        Release(received);
    }

    [Fact]
    public async Task A_slow_viewer_resumes_at_the_next_keyframe_with_a_decodable_stream()
    {
        var units = await UnitsAsync(640, 360, 4);
        using var stream = new LiveStream("cam", NullLogger.Instance);
        using var slow = new LiveViewer(capacity: 30);
        stream.Attach(slow);
        var received = new List<LiveChunk>();

        for (var i = 0; i < units.Count; i++)
        {
            stream.OnAccessUnit(units[i]);
            // Reads nothing during frames 10..44 (the queue overflows in the second GOP), then keeps up.
            if (i is < 10 or >= 45)
            {
                while (slow.Reader.TryRead(out var chunk))
                {
                    received.Add(chunk);
                }
            }
        }

        stream.Dispose();
        received.AddRange(await DrainAsync(slow));
        AnnexBTestSplitter.ReleaseAll(units);

        Assert.True(slow.Skipped > 0);
        // Whatever was skipped, what was sent decodes frame by frame: each run restarts at a keyframe.
        var probe = await ProbeConcatenatedAsync(received);
        Assert.Equal(received.Count(c => c.Kind == LiveChunkKind.Fragment), probe.Frames);
        Release(received);
    }

    [Fact]
    public async Task A_resolution_change_sends_the_new_init_before_the_first_fragment_that_needs_it()
    {
        var small = await UnitsAsync(640, 360, 1);
        var large = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(1280, 720, 1), VideoCodec.H264, firstTimestamp: small[^1].Timestamp + 3600);
        using var stream = new LiveStream("cam", NullLogger.Instance);
        using var viewer = new LiveViewer(capacity: 200);
        stream.Attach(viewer);
        foreach (var unit in small.Concat(large))
        {
            stream.OnAccessUnit(unit);
        }

        stream.Dispose();
        var chunks = await DrainAsync(viewer);
        AnnexBTestSplitter.ReleaseAll(small);
        AnnexBTestSplitter.ReleaseAll(large);

        var inits = chunks.Select((c, i) => (c, i)).Where(x => x.c.Kind == LiveChunkKind.Init).ToList();
        Assert.Equal(2, inits.Count);
        Assert.Equal((640, 360), (inits[0].c.Track!.Width, inits[0].c.Track!.Height));
        Assert.Equal((1280, 720), (inits[1].c.Track!.Width, inits[1].c.Track!.Height));
        Assert.Equal(26, inits[1].i); // after the first init and 25 small frames
        Assert.True(chunks[27].IsKeyframe);
        Release(chunks);
    }

    private async Task<List<AccessUnit>> UnitsAsync(int width, int height, double seconds) =>
        AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(width, height, seconds), VideoCodec.H264, firstTimestamp: 9_000_000);

    private static async Task<List<LiveChunk>> DrainAsync(LiveViewer viewer)
    {
        var chunks = new List<LiveChunk>();
        await foreach (var chunk in viewer.Reader.ReadAllAsync(Ct))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static async Task<SegmentProbe.Probe> ProbeConcatenatedAsync(IEnumerable<LiveChunk> chunks)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigie-live-{Guid.NewGuid():N}.mp4");
        await using (var file = File.Create(path))
        {
            foreach (var chunk in chunks)
            {
                await file.WriteAsync(chunk.Data, Ct);
            }
        }

        try
        {
            return await SegmentProbe.ProbeAsync(path, Ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Release(IEnumerable<LiveChunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            chunk.Release();
        }
    }

    private sealed class CollectingSink : IMp4FragmentSink
    {
        public List<Mp4FragmentInfo> Fragments { get; } = [];

        public void OnInitSegment(ReadOnlySpan<byte> initSegment, Mp4TrackInfo track, ParameterSets parameters)
        {
        }

        public void OnFragment(ReadOnlySpan<byte> fragment, in Mp4FragmentInfo info) => Fragments.Add(info);
    }
}
