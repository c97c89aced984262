using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;
using Vigie.Media.Recording;
using Vigie.Media.Tests.Codecs;

namespace Vigie.Media.Tests.Recording;

/// <summary>
/// Complete segments are finished (fsync, rename, index) on the closer's threads, not on the camera's: an x264
/// clip (25 fps, a keyframe every second) recorded in 2 s segments into an index that answers only when the
/// test lets it.
/// </summary>
public sealed class SegmentCloserTests(EncodedClips clips) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-closer-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_camera_goes_on_while_a_segment_is_finished_and_playback_finds_that_segment_until_the_index_has_it()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(320, 180, 8), VideoCodec.H264);
        var index = new GatedIndex();
        using var closer = new SegmentCloser(threads: 1);
        using (var writer = new SegmentWriter(_folder, "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(2), closer: closer))
        {
            // Past the first cut (2 s) and well into the second segment, while the index does not answer.
            var clock = Stopwatch.StartNew();
            var fed = Feed(writer, units, 0, 3.5);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the writer waited {clock.Elapsed} for the index");
            Assert.Empty(index.Segments);
            var closing = writer.Current;
            Assert.NotNull(closing);
            await Until(() => Directory.GetFiles(_folder, "*.mp4", SearchOption.AllDirectories).Length == 1); // durable and renamed before it is indexed
            Assert.Equal(closing.StartsAt + TimeSpan.FromSeconds(2), closing.RecordedUntil()!.Value, TimeSpan.FromMilliseconds(1));

            // The index answers: it has the first segment, and playback now reads the second from the writer.
            index.Open.Set();
            await Until(() => index.Segments.Count == 1);
            await Until(() => writer.Current?.StartsAt != closing.StartsAt);
            Assert.Equal(index.Segments[0].EndsAt, writer.Current!.StartsAt);

            Feed(writer, units, fed, double.MaxValue);
            writer.Flush();
            Assert.Null(writer.Current);
            Assert.Equal(4, index.Segments.Count);
            Assert.All(index.Segments.Zip(index.Segments.Skip(1)), pair => Assert.Equal(pair.First.EndsAt, pair.Second.StartsAt));
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.Empty(Directory.GetFiles(_folder, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_segment_that_cannot_be_finished_is_logged_and_the_next_ones_are_still_finished()
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(320, 180, 6), VideoCodec.H264);
        var index = new GatedIndex { FailFirst = true };
        index.Open.Set();
        var logger = new Vigie.Alarms.Tests.Receiver.ListLogger();
        using var closer = new SegmentCloser(threads: 2);
        using (var writer = new SegmentWriter(_folder, "cam", index, logger, TimeSpan.FromSeconds(2), closer: closer))
        {
            Feed(writer, units, 0, double.MaxValue);
        }

        AnnexBTestSplitter.ReleaseAll(units);
        Assert.Equal(2, index.Segments.Count);
        Assert.Single(logger.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("could not be finished: index unavailable", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int Feed(SegmentWriter writer, List<AccessUnit> units, int from, double untilSeconds)
    {
        var n = from;
        for (; n < units.Count && units[n].Timestamp < untilSeconds * AccessUnit.ClockRate; n++)
        {
            writer.OnAccessUnit(units[n]);
        }

        return n;
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "condition not met within 10 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>An index that takes segments only once <see cref="Open"/> is set (bounded wait), from any thread.</summary>
    private sealed class GatedIndex : ISegmentIndex
    {
        private readonly List<CompletedSegment> _segments = [];
        private bool _failed;

        public ManualResetEventSlim Open { get; } = new();

        public bool FailFirst { get; init; }

        public List<CompletedSegment> Segments
        {
            get
            {
                lock (_segments)
                {
                    return [.. _segments];
                }
            }
        }

        public void OnSegmentCompleted(CompletedSegment segment)
        {
            Open.Wait(TimeSpan.FromSeconds(10));
            lock (_segments)
            {
                if (FailFirst && !_failed)
                {
                    _failed = true;
                    throw new IOException("index unavailable");
                }

                _segments.Add(segment);
            }
        }
    }
}
