using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Recording;

/// <summary>
/// The pre-alarm clip read back from the segment files must be exactly what the in-memory
/// <see cref="PreAlarmBuffer"/> would have kept: same frames, bytes, timestamps, keyframes, parameter sets.
/// </summary>
public sealed class RecordedPreAlarmTests(EncodedClips clips) : IDisposable
{
    private const long Second = AccessUnit.ClockRate;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-prealarm-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_clip_across_a_segment_boundary_and_the_pending_fragment_is_the_frames_the_memory_buffer_keeps()
    {
        // 10 s at 25 fps, a keyframe every second; segments of 3 s start at 0, 3, 6 and 9 s.
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, 10), VideoCodec.H264);
        using var preAlarm = new RecordedPreAlarm(TimeSpan.FromSeconds(2));
        using var memory = new PreAlarmBuffer(TimeSpan.FromSeconds(2));
        var index = new ListIndex();
        using (var writer = new SegmentWriter(_folder, "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3), preAlarm))
        {
            Feed(units, writer, memory);

            // The last second is still pending in the muxer; the rest is read from two files (6–9 s, 9– s).
            Assert.InRange(preAlarm.FramesInMemory, 1, 25);
            AssertSameClip(memory, preAlarm, out var first, out var last);
            Assert.True(first < 9 * Second && last >= 9 * Second, $"clip {first}–{last} does not cross the 9 s boundary");

            writer.Flush();
        }

        // Completed and renamed: still readable, nothing left in memory.
        Assert.Equal(0, preAlarm.FramesInMemory);
        Assert.Equal(4, index.Segments.Count);
        AssertSameClip(memory, preAlarm, out _, out _);
        AnnexBTestSplitter.ReleaseAll(units);
    }

    [Fact]
    public async Task A_clip_across_a_resolution_change_keeps_each_frame_with_its_own_parameter_sets()
    {
        var small = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, 4), VideoCodec.H264);
        var large = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(1280, 720, 4), VideoCodec.H264, firstTimestamp: small.Count * 3600L);
        using var preAlarm = new RecordedPreAlarm(TimeSpan.FromSeconds(6));
        using var memory = new PreAlarmBuffer(TimeSpan.FromSeconds(6));
        var index = new ListIndex();
        using (var writer = new SegmentWriter(_folder, "cam", index, NullLogger.Instance, preAlarm: preAlarm))
        {
            Feed([.. small, .. large], writer, memory);
            AssertSameClip(memory, preAlarm, out _, out _);
        }

        // The change started a new segment file with its own init; the clip reads from both.
        Assert.Equal(2, index.Segments.Count);
        var clip = preAlarm.TakeClip();
        Assert.Contains(clip, unit => unit.Parameters.Equals(small[0].Parameters));
        Assert.Contains(clip, unit => unit.Parameters.Equals(large[0].Parameters));
        AnnexBTestSplitter.ReleaseAll(clip);
        AnnexBTestSplitter.ReleaseAll(small);
        AnnexBTestSplitter.ReleaseAll(large);
    }

    [Fact]
    public async Task Frames_of_a_deleted_segment_are_left_out_and_the_clip_resumes_at_the_next_keyframe()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, 6), VideoCodec.H264);
        using var preAlarm = new RecordedPreAlarm(TimeSpan.FromSeconds(5));
        var index = new ListIndex();
        using (var writer = new SegmentWriter(_folder, "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3), preAlarm))
        {
            foreach (var unit in units)
            {
                writer.OnAccessUnit(unit);
            }
        }

        File.Delete(index.Segments[0].FullPath);
        var clip = preAlarm.TakeClip();
        Assert.True(clip[0].IsKeyframe);
        Assert.Equal(index.Segments[1].Frames, clip.Count);
        Assert.Equal(units[^1].Data.ToArray(), clip[^1].Data.ToArray());
        AnnexBTestSplitter.ReleaseAll(clip);
        AnnexBTestSplitter.ReleaseAll(units);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void Feed(IEnumerable<AccessUnit> units, SegmentWriter writer, PreAlarmBuffer memory)
    {
        foreach (var unit in units)
        {
            writer.OnAccessUnit(unit);
            memory.OnAccessUnit(unit);
        }
    }

    private static void AssertSameClip(PreAlarmBuffer expected, RecordedPreAlarm actual, out long first, out long last)
    {
        var want = expected.TakeClip();
        var got = actual.TakeClip();
        try
        {
            Assert.Equal(want.Count, actual.Count);
            Assert.Equal(want.Select(u => u.Timestamp), got.Select(u => u.Timestamp));
            Assert.Equal(want.Select(u => u.IsKeyframe), got.Select(u => u.IsKeyframe));
            for (var i = 0; i < want.Count; i++)
            {
                Assert.True(want[i].Parameters.Equals(got[i].Parameters), $"parameter sets of frame {i}");
                Assert.True(want[i].Data.Span.SequenceEqual(got[i].Data.Span), $"bytes of frame {i}");
            }

            first = got[0].Timestamp;
            last = got[^1].Timestamp;
        }
        finally
        {
            AnnexBTestSplitter.ReleaseAll(want);
            AnnexBTestSplitter.ReleaseAll(got);
        }
    }

    private sealed class ListIndex : ISegmentIndex
    {
        public List<CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
    }
}
