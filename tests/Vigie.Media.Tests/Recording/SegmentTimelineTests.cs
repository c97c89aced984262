using Vigie.Alarms.Tests.Receiver;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Recording;

/// <summary>
/// Where segments sit on the camera's timeline when the camera's clock misbehaves: sender reports that
/// jitter, a clock that steps back or forward, a reconnection to a camera that sends no report. An x264
/// clip (25 fps, a keyframe every second) is recorded in 2 s segments; only the wall clock of its frames changes.
/// </summary>
public sealed class SegmentTimelineTests(EncodedClips clips) : IDisposable
{
    private static readonly DateTimeOffset Captured = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-timeline-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sender_reports_that_jitter_neither_overlap_segments_nor_leave_hairline_gaps_between_them()
    {
        // Each frame dated by a report that is up to 400 ms late or 300 ms early, as a loaded sender's are.
        var segments = await RecordAsync(8, (n, _) => n % 3 == 0 ? TimeSpan.FromMilliseconds(400) : n % 3 == 1 ? TimeSpan.FromMilliseconds(-300) : TimeSpan.Zero);

        Assert.True(segments.Count >= 3, $"{segments.Count} segments");
        Assert.Equal(Captured, segments[0].StartsAt, TimeSpan.FromMilliseconds(401));
        Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.Equal(pair.First.EndsAt, pair.Second.StartsAt));
        Assert.InRange((segments[^1].EndsAt - segments[0].StartsAt).TotalSeconds, 7.999, 8.001);
    }

    [Fact]
    public async Task A_camera_clock_that_steps_back_never_makes_a_segment_start_before_the_previous_one_ended_and_says_so_once()
    {
        var logger = new ListLogger();
        var segments = await RecordAsync(8, (_, seconds) => seconds >= 3 ? TimeSpan.FromSeconds(-5) : TimeSpan.Zero, logger);

        Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.True(pair.Second.StartsAt >= pair.First.EndsAt, $"{pair.Second.StartsAt:O} starts before {pair.First.EndsAt:O}"));
        Assert.Single(logger.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("clock went back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_camera_clock_that_steps_forward_is_followed_with_a_gap()
    {
        var segments = await RecordAsync(8, (_, seconds) => seconds >= 3 ? TimeSpan.FromSeconds(5) : TimeSpan.Zero);

        var gaps = segments.Zip(segments.Skip(1)).Select(pair => pair.Second.StartsAt - pair.First.EndsAt).ToList();
        Assert.Single(gaps, g => g > TimeSpan.Zero);
        Assert.InRange(gaps.Single(g => g > TimeSpan.Zero).TotalSeconds, 4.999, 5.001);
    }

    [Fact]
    public async Task After_a_reconnection_to_a_camera_without_sender_reports_the_new_stream_is_dated_by_its_arrival_not_the_old_streams_clock()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(320, 180, 4), VideoCodec.H264);
        var index = new ListIndex();
        using (var writer = new SegmentWriter(_folder, "cam", index, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(2)))
        {
            // First session: RTP from 0, arriving from 10:00:00. The camera is lost, and comes back ten minutes
            // later with RTP timestamps from another random base (RFC 3550 §5.1).
            Feed(writer, units, rtpBase: 0, arrival: Captured);
            writer.Flush();
            Feed(writer, units, rtpBase: 123_456_789, arrival: Captured.AddMinutes(10));
            writer.Flush();
        }

        AnnexBTestSplitter.ReleaseAll(units);
        var second = index.Segments.Where(s => s.StartsAt >= Captured.AddMinutes(5)).ToList();
        Assert.NotEmpty(second);
        Assert.Equal(Captured.AddMinutes(10), second[0].StartsAt, TimeSpan.FromMilliseconds(1));
        Assert.All(second, s => Assert.StartsWith("1010", Path.GetFileName(s.RelativePath), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_staggered_writer_cuts_its_first_segment_after_a_half_to_a_whole_segment_and_the_next_ones_at_full_length()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(320, 180, 12), VideoCodec.H264);
        var lengths = new HashSet<double>();
        for (var run = 0; run < 20; run++)
        {
            var index = new ListIndex();
            using (var writer = new SegmentWriter(Path.Combine(_folder, run.ToString(System.Globalization.CultureInfo.InvariantCulture)), "cam", index,
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(4), staggered: true))
            {
                foreach (var unit in units)
                {
                    writer.OnAccessUnit(unit);
                }
            }

            var first = Math.Round((index.Segments[0].EndsAt - index.Segments[0].StartsAt).TotalSeconds, 2);
            Assert.InRange(first, 2, 4); // cut at the first keyframe (every second) at or after 2–4 s
            Assert.All(index.Segments.Skip(1).SkipLast(1), s => Assert.Equal(4, (s.EndsAt - s.StartsAt).TotalSeconds, 0.01));
            lengths.Add(first);
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.True(lengths.Count > 1, "twenty writers all cut their first segment at the same length");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Records the clip with each frame's wall clock from its sender report: capture time plus <paramref name="error"/>(frame, seconds in).</summary>
    private async Task<List<CompletedSegment>> RecordAsync(int seconds, Func<int, double, TimeSpan> error, ListLogger? logger = null)
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(320, 180, seconds), VideoCodec.H264);
        var index = new ListIndex();
        using (var writer = new SegmentWriter(_folder, "cam", index, (Microsoft.Extensions.Logging.ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(2)))
        {
            for (var n = 0; n < units.Count; n++)
            {
                var at = (double)units[n].Timestamp / AccessUnit.ClockRate;
                var wall = Captured + TimeSpan.FromSeconds(at) + error(n, at);
                using var dated = new Dated(AccessUnit.Copy(units[n].Data.Span, units[n].Codec, units[n].Timestamp, units[n].IsKeyframe, units[n].Parameters, wall, wall));
                writer.OnAccessUnit(dated.Unit);
            }
        }

        AnnexBTestSplitter.ReleaseAll(units);
        return index.Segments;
    }

    /// <summary>The units again, from another RTP base, arriving at the frame rate from <paramref name="arrival"/>, with no sender report.</summary>
    private static void Feed(SegmentWriter writer, List<AccessUnit> units, long rtpBase, DateTimeOffset arrival)
    {
        foreach (var unit in units)
        {
            var received = arrival + TimeSpan.FromSeconds((double)unit.Timestamp / AccessUnit.ClockRate);
            using var copy = new Dated(AccessUnit.Copy(unit.Data.Span, unit.Codec, rtpBase + unit.Timestamp, unit.IsKeyframe, unit.Parameters, null, received));
            writer.OnAccessUnit(copy.Unit);
        }
    }

    private readonly record struct Dated(AccessUnit Unit) : IDisposable
    {
        public void Dispose() => Unit.Release();
    }

    private sealed class ListIndex : ISegmentIndex
    {
        public List<CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
    }
}
