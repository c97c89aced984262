using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Ingest;

public sealed class DecodeTimelineTests
{
    private const long Step = 3600;

    [Fact]
    public void A_stream_without_b_frames_passes_through_at_once_with_decode_equal_to_presentation()
    {
        var sink = new TimedSink();
        var timeline = new DecodeTimeline(sink);

        for (var i = 0; i < 5; i++)
        {
            Push(timeline, i * Step, keyframe: i == 0);
            Assert.Equal(i + 1, sink.Frames.Count); // never held
        }

        Assert.All(sink.Frames, f => Assert.Equal(f.Presentation, f.Decode));
        Assert.Equal(0, timeline.Depth);
    }

    [Fact]
    public void B_frames_get_the_sorted_presentation_times_as_decode_times_and_keep_their_own_presentation()
    {
        var sink = new TimedSink();
        var timeline = new DecodeTimeline(sink);

        // Decode order I0 P3 B1 B2 P6 B4 B5 (two B-frames between references), as the camera sends them.
        long[] arrival = [0, 3, 1, 2, 6, 4, 5, 9, 7, 8];
        foreach (var frame in arrival)
        {
            Push(timeline, frame * Step, keyframe: frame == 0, WithReorder(1));
        }

        timeline.Flush();

        Assert.Equal(arrival.Select(f => f * Step), sink.Frames.Select(f => f.Presentation));
        Assert.Equal(Enumerable.Range(0, arrival.Length).Select(i => i * Step), sink.Frames.Select(f => f.Decode));
        Assert.Equal([0, 2 * Step, -Step, -Step, 2 * Step, -Step, -Step], sink.Frames.Take(7).Select(f => f.Presentation - f.Decode));
        Assert.Equal(1, timeline.Depth);
    }

    [Fact]
    public void The_depth_the_sps_states_is_used_from_the_first_frame_so_no_frame_is_late()
    {
        var sink = new TimedSink();
        var timeline = new DecodeTimeline(sink);

        // A pyramid (I0 P4 B2 b1 b3) reorders two deep; the SPS says so.
        long[] arrival = [0, 4, 2, 1, 3, 8, 6, 5, 7];
        foreach (var frame in arrival)
        {
            Push(timeline, frame * Step, keyframe: frame == 0, WithReorder(2));
        }

        timeline.Flush();

        Assert.Equal(0, timeline.LateFrames);
        Assert.Equal(Enumerable.Range(0, arrival.Length).Select(i => i * Step), sink.Frames.Select(f => f.Decode));
    }

    [Fact]
    public void A_depth_learnt_late_keeps_decode_times_increasing_and_the_presentation_times_intact()
    {
        var sink = new TimedSink();
        var timeline = new DecodeTimeline(sink);

        // TestUnits' SPS does not parse: nothing says how deep the stream reorders.
        long[] arrival = [0, 4, 2, 1, 3, 8, 6, 5, 7, 12, 10, 9, 11];
        foreach (var frame in arrival)
        {
            Push(timeline, frame * Step, keyframe: frame == 0);
        }

        timeline.Flush();

        Assert.Equal(2, timeline.Depth);
        Assert.True(timeline.LateFrames > 0);
        Assert.Equal(arrival.Select(f => f * Step), sink.Frames.Select(f => f.Presentation));
        for (var i = 1; i < sink.Frames.Count; i++)
        {
            Assert.True(sink.Frames[i].Decode > sink.Frames[i - 1].Decode);
        }

        // Once the depth is known, the frames are decoded exactly at the sorted times again.
        Assert.Equal(Enumerable.Range(9, 4).Select(i => i * Step), sink.Frames.Skip(9).Select(f => f.Decode));
    }

    [Fact]
    public void A_clock_reset_restarts_the_timeline_instead_of_reordering_across_it()
    {
        var sink = new TimedSink();
        var timeline = new DecodeTimeline(sink);
        foreach (var frame in new long[] { 1000, 1003, 1001, 1002 })
        {
            Push(timeline, frame * Step, keyframe: frame == 1000, WithReorder(1));
        }

        // The camera rebooted: its clock starts again near 0, 40 s back.
        Push(timeline, 0, keyframe: true, WithReorder(0));

        Assert.Equal(5, sink.Frames.Count);
        Assert.Equal(0, timeline.Depth);
        Assert.Equal(0, sink.Frames[^1].Decode);
        Assert.Equal([1000 * Step, 1001 * Step, 1002 * Step, 1003 * Step], sink.Frames.Take(4).Select(f => f.Decode));
    }

    private static ParameterSets WithReorder(int depth) =>
        new(VideoCodec.H265, [[0x40, 0x01]], [Hevc.SpsWithReorder(depth)], [[0x44, 0x01]]);

    private static void Push(DecodeTimeline timeline, long presentation, bool keyframe, ParameterSets? parameters = null)
    {
        var unit = AccessUnit.Copy([0, 0, 0, 1, 0x41], parameters?.Codec ?? VideoCodec.H264, presentation, keyframe, parameters ?? TestUnits.H264, null, DateTimeOffset.UnixEpoch);
        timeline.OnAccessUnit(unit);
        unit.Release();
    }

    private sealed class TimedSink : IAccessUnitSink
    {
        public List<(long Presentation, long Decode)> Frames { get; } = [];

        public void OnAccessUnit(AccessUnit unit) => Frames.Add((unit.Timestamp, unit.DecodeTimestamp));
    }
}
