using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Mp4;
using Vigie.Media.Playback;
using Vigie.Media.Recording;
using Vigie.Media.Tests.Codecs;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Playback;

/// <summary>
/// Playback reads real recorded segment files (written by <see cref="SegmentWriter"/> from an x264 clip,
/// 25 fps, a keyframe every second, 3 s segments) and must start at the keyframe at or before the
/// sought instant, put every fragment at its recorded instant on the shared timeline, cross segment
/// files and gaps, and skip what cannot be read.
/// </summary>
public sealed class PlaybackCursorTests(EncodedClips clips) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-playback-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_seek_starts_at_the_preceding_keyframe_and_every_fragment_sits_at_its_recorded_instant()
    {
        var segments = await RecordAsync(10);
        var ct = TestContext.Current.CancellationToken;
        using var cursor = new PlaybackCursor(new ListSource(segments), NullLogger.Instance);

        var sought = segments[1].StartsAt + TimeSpan.FromMilliseconds(1500);
        var first = await cursor.SeekAsync(sought, ct);

        Assert.NotNull(first);
        Assert.InRange(sought - first!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var chunks = await DrainAsync(cursor, ct);
        Assert.Equal(PlaybackChunkKind.Init, chunks[0].Kind);
        Assert.Equal(640, chunks[0].Track!.Width);
        Assert.Equal(first, chunks[1].Start);

        var fragments = chunks.Where(c => c.Kind == PlaybackChunkKind.Fragment).ToList();
        for (var i = 0; i < fragments.Count; i++)
        {
            // The tfdt on the wire is the recorded instant on the shared timeline.
            Assert.Equal(PlaybackCursor.MediaTime(fragments[i].Start), Tfdt(fragments[i].Data.Span));
            if (i > 0)
            {
                Assert.Equal(fragments[i - 1].End, fragments[i].Start, TimeSpan.FromMilliseconds(2));
            }
        }

        Assert.Equal(segments[^1].EndsAt, fragments[^1].End, TimeSpan.FromMilliseconds(2));
        Assert.Null(await cursor.NextAsync(ct));
    }

    [Fact]
    public async Task The_stream_of_a_seek_is_one_valid_mp4_that_ffprobe_reads_frame_for_frame()
    {
        var segments = await RecordAsync(8);
        var ct = TestContext.Current.CancellationToken;
        using var cursor = new PlaybackCursor(new ListSource(segments), NullLogger.Instance);
        var first = await cursor.SeekAsync(segments[0].StartsAt + TimeSpan.FromMilliseconds(2200), ct);
        var chunks = await DrainAsync(cursor, ct);

        var path = Path.Combine(_folder, "stream.mp4");
        await using (var file = File.Create(path))
        {
            foreach (var chunk in chunks)
            {
                file.Write(chunk.Data.Span);
            }
        }

        // From the keyframe at 2 s to the end (8 s): 6 s at 25 fps, one init (no parameter change).
        Assert.Single(chunks, c => c.Kind == PlaybackChunkKind.Init);
        var report = await FfprobeReport.ProbeAsync(path);
        Assert.Equal(150, report.Frames);
        Assert.Equal(6, report.KeyPackets);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(path));
        Assert.Equal(segments[0].StartsAt + TimeSpan.FromSeconds(2), first!.Value, TimeSpan.FromMilliseconds(2));
    }

    [Fact]
    public async Task A_seek_into_a_gap_starts_at_the_next_recording_and_a_seek_past_the_end_finds_nothing()
    {
        var recorded = await RecordAsync(6);
        // The second file as if recorded 20 s after the first ended: a gap of 20 s.
        var segments = new List<RecordedSegmentRef> { recorded[0], recorded[1] with { StartsAt = recorded[1].StartsAt.AddSeconds(20), EndsAt = recorded[1].EndsAt.AddSeconds(20) } };
        var ct = TestContext.Current.CancellationToken;
        using var cursor = new PlaybackCursor(new ListSource(segments), NullLogger.Instance);

        Assert.Equal(segments[1].StartsAt, await cursor.SeekAsync(recorded[0].EndsAt.AddSeconds(5), ct));
        Assert.Null(await cursor.SeekAsync(segments[1].EndsAt.AddSeconds(1), ct));
        Assert.Null(await cursor.SeekAsync(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), ct));

        // Played from the start, the stream jumps the gap: the second file's fragments sit 20 s later.
        Assert.Equal(segments[0].StartsAt, await cursor.SeekAsync(segments[0].StartsAt.AddSeconds(-30), ct));
        var fragments = (await DrainAsync(cursor, ct)).Where(c => c.Kind == PlaybackChunkKind.Fragment).ToList();
        var jump = fragments.Zip(fragments.Skip(1)).Single(pair => pair.Second.Start - pair.First.End > TimeSpan.FromSeconds(1));
        Assert.InRange(jump.Second.Start - jump.First.End, TimeSpan.FromMilliseconds(19_998), TimeSpan.FromMilliseconds(20_002));
    }

    [Fact]
    public async Task A_deleted_segment_is_skipped_and_a_torn_one_plays_up_to_its_last_complete_fragment()
    {
        var segments = await RecordAsync(9);
        File.Delete(segments[1].FullPath);
        var tornLength = new FileInfo(segments[2].FullPath).Length - 100;
        await using (var torn = new FileStream(segments[2].FullPath, FileMode.Open))
        {
            torn.SetLength(tornLength);
        }

        var ct = TestContext.Current.CancellationToken;
        using var cursor = new PlaybackCursor(new ListSource(segments), NullLogger.Instance);
        await cursor.SeekAsync(segments[0].StartsAt, ct);
        var fragments = (await DrainAsync(cursor, ct)).Where(c => c.Kind == PlaybackChunkKind.Fragment).ToList();

        Assert.DoesNotContain(fragments, f => f.Start >= segments[1].StartsAt && f.Start < segments[1].EndsAt);
        var last = fragments[^1];
        Assert.True(last.End < segments[2].EndsAt, "the torn fragment must be left out");
        Assert.True(last.Start >= segments[2].StartsAt, "the torn file's complete fragments must play");
    }

    [Fact]
    public async Task The_minute_being_recorded_plays_at_once_and_keeps_growing_until_the_next_segment_takes_over()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, 8), VideoCodec.H264);
        var index = new ListIndex();
        var ct = TestContext.Current.CancellationToken;
        using var writer = new SegmentWriter(_folder, "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3));
        var fed = 0;
        void FeedUntil(double seconds)
        {
            for (; fed < units.Count && units[fed].Timestamp < seconds * AccessUnit.ClockRate; fed++)
            {
                writer.OnAccessUnit(units[fed]);
            }
        }

        // 4.5 s recorded: the first segment (0–3 s) is indexed, the second is being written (3–4 s on disk).
        FeedUntil(4.5);
        // The clip has no wall clock: place the recording at a known instant, as the index would.
        var shift = Start - index.Segments[0].StartsAt;
        var origin = Start;
        var source = new LiveSource(
            () => [.. index.Segments.Select(s => new RecordedSegmentRef(s.FullPath, s.StartsAt + shift, s.EndsAt + shift))],
            () => writer.Current is { } growing ? new GrowingSegment(growing.StartsAt + shift, growing.TryOpen) : null);
        using var cursor = new PlaybackCursor(source, NullLogger.Instance);

        var first = await cursor.SeekAsync(origin.AddSeconds(3.5), ct);
        Assert.Equal(origin.AddSeconds(3), first!.Value, TimeSpan.FromMilliseconds(2));
        var seen = (await DrainAsync(cursor, ct)).Where(c => c.Kind == PlaybackChunkKind.Fragment).ToList();
        Assert.Equal([3.0], seen.Select(f => Math.Round((f.Start - origin).TotalSeconds, 2)));

        // Recording goes on: the second segment completes at 6 s, a third one starts. The same cursor
        // reads the rest of the second file, then the third, with no gap and no repeat.
        FeedUntil(7.2);
        Assert.Equal(2, index.Segments.Count);
        var more = (await DrainAsync(cursor, ct)).Where(c => c.Kind == PlaybackChunkKind.Fragment).ToList();
        Assert.Equal([4.0, 5.0, 6.0], more.Select(f => Math.Round((f.Start - origin).TotalSeconds, 2)));

        // A seek to "now" lands on the newest keyframe on disk; a seek into the future finds nothing.
        Assert.Equal(origin.AddSeconds(6), (await cursor.SeekAsync(origin.AddSeconds(7.1), ct))!.Value, TimeSpan.FromMilliseconds(2));
        Assert.Null(await cursor.SeekAsync(origin.AddSeconds(30), ct));
        AnnexBTestSplitter.ReleaseAll(units);
    }

    [Fact]
    public void A_file_that_is_not_a_recording_is_refused_with_a_clear_error()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "garbage.mp4");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var error = Assert.Throws<InvalidDataException>(() => RecordedSegmentFile.Read(path));
        Assert.Contains("init segment", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<List<RecordedSegmentRef>> RecordAsync(int seconds)
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, seconds), VideoCodec.H264);
        var index = new ListIndex();
        using (var writer = new SegmentWriter(_folder, "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3)))
        {
            foreach (var unit in units)
            {
                writer.OnAccessUnit(unit);
            }
        }

        AnnexBTestSplitter.ReleaseAll(units);
        // The test clip has no wall clock: place the recording at a known instant, as the index would.
        var shift = Start - index.Segments[0].StartsAt;
        return [.. index.Segments.Select(s => new RecordedSegmentRef(s.FullPath, s.StartsAt + shift, s.EndsAt + shift))];
    }

    private static async Task<List<PlaybackChunk>> DrainAsync(PlaybackCursor cursor, CancellationToken ct)
    {
        var chunks = new List<PlaybackChunk>();
        while (await cursor.NextAsync(ct) is { } chunk)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>The tfdt value of a fragment written by <see cref="Mp4FragmentWriter"/> (moof, mfhd, traf, tfhd, then tfdt v1).</summary>
    private static ulong Tfdt(ReadOnlySpan<byte> fragment)
    {
        var at = fragment.IndexOf("tfdt"u8);
        Assert.True(at > 0 && fragment[at + 4] == 1);
        return BinaryPrimitives.ReadUInt64BigEndian(fragment[(at + 8)..]);
    }

    private sealed class ListSource(IReadOnlyList<RecordedSegmentRef> segments, Func<GrowingSegment?>? growing = null) : IRecordedSegmentSource
    {
        public GrowingSegment? Growing() => growing?.Invoke();

        public ValueTask<IReadOnlyList<RecordedSegmentRef>> EndingAfterAsync(DateTimeOffset instant, int max, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<RecordedSegmentRef>>([.. segments.Where(s => s.EndsAt > instant).OrderBy(s => s.StartsAt).Take(max)]);
    }

    private sealed class LiveSource(Func<IReadOnlyList<RecordedSegmentRef>> segments, Func<GrowingSegment?> growing) : IRecordedSegmentSource
    {
        public GrowingSegment? Growing() => growing();

        public ValueTask<IReadOnlyList<RecordedSegmentRef>> EndingAfterAsync(DateTimeOffset instant, int max, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<RecordedSegmentRef>>([.. segments().Where(s => s.EndsAt > instant).OrderBy(s => s.StartsAt).Take(max)]);
    }

    private sealed class ListIndex : ISegmentIndex
    {
        public List<CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
    }
}
