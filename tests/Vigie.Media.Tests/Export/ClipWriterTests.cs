using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Codecs;
using Vigie.Media.Export;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Playback;
using Vigie.Media.Recording;
using Vigie.Media.Tests.Codecs;
using Vigie.Media.Tests.Mp4;

namespace Vigie.Media.Tests.Export;

/// <summary>
/// Clip export and recorded-instant snapshots read real recorded segment files (written by
/// <see cref="SegmentWriter"/> from an x264 clip, 25 fps, a keyframe every second, 3 s segments) and are
/// checked with ffprobe and ffmpeg as peers.
/// </summary>
public sealed class ClipWriterTests(EncodedClips clips) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-export-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_export_across_segment_files_passes_ffprobe_and_lasts_the_requested_range()
    {
        var segments = await RecordAsync(10);
        var from = Start + TimeSpan.FromMilliseconds(1500);
        var to = Start + TimeSpan.FromMilliseconds(7300);

        var files = Export(segments, from, to);

        var file = Assert.Single(files);
        Assert.Equal((from, to), (file.StartsAt, file.EndsAt));
        var report = await FfprobeReport.ProbeAsync(file.Path);
        Assert.Equal(("h264", 640, 360), (report.Codec, report.Width, report.Height));
        Assert.InRange(report.Duration, 5.8 - 0.05, 5.8 + 0.05);
        // From the keyframe at 1 s to the last frame before 7.3 s: 158 frames, none lost at the two file boundaries (3 s, 6 s).
        Assert.Equal(158, report.Frames);
        Assert.Equal(158, file.Frames);
        Assert.Equal(string.Empty, await FfprobeReport.DecodeErrorsAsync(file.Path));
        // The 13 lead-in frames (1.00 s to 1.48 s) are decoded before the start and shown for no visible
        // time; the picture at 1.5 s is the frame of 1.48 s, then one frame every 40 ms.
        var times = await PacketTimesAsync(file.Path);
        Assert.Equal(13, times.Count(t => t < 0));
        Assert.All(times.Where(t => t < 0), t => Assert.True(t > -0.001, $"lead-in frame at {t}"));
        var shown = times.Where(t => t >= 0).ToList();
        Assert.Equal(0.02, shown[0], 3);
        Assert.All(shown.Zip(shown.Skip(1), (a, b) => b - a), step => Assert.Equal(0.04, step, 3));
    }

    [Fact]
    public async Task A_short_gap_between_recordings_stays_a_gap_and_a_long_one_starts_a_new_file()
    {
        var recorded = await RecordAsync(6);
        var shortGap = new List<RecordedSegmentRef> { recorded[0], Shift(recorded[1], TimeSpan.FromSeconds(20)) };
        var files = Export(shortGap, Start, shortGap[1].EndsAt);
        var file = Assert.Single(files);
        var report = await FfprobeReport.ProbeAsync(file.Path);
        Assert.Equal(150, report.Frames);
        Assert.InRange(report.Duration, 25.5, 26.5);
        var steps = await PacketStepsAsync(file.Path);
        Assert.Single(steps, step => step > 1);
        Assert.InRange(steps.Single(step => step > 1), 20, 20.1);

        var longGap = new List<RecordedSegmentRef> { recorded[0], Shift(recorded[1], TimeSpan.FromHours(2)) };
        var parts = Export(longGap, Start, longGap[1].EndsAt, "long");
        Assert.Equal(2, parts.Count);
        Assert.Equal((recorded[0].StartsAt, recorded[0].EndsAt), (parts[0].StartsAt, parts[0].EndsAt), Close);
        Assert.Equal((longGap[1].StartsAt, longGap[1].EndsAt), (parts[1].StartsAt, parts[1].EndsAt), Close);
        foreach (var part in parts)
        {
            Assert.InRange((await FfprobeReport.ProbeAsync(part.Path)).Duration, 2.5, 3.5);
        }
    }

    [Fact]
    public async Task A_range_outside_the_recordings_writes_no_file()
    {
        var segments = await RecordAsync(3);
        Assert.Empty(Export(segments, Start.AddMinutes(5), Start.AddMinutes(6)));
    }

    [Fact]
    public async Task A_snapshot_shows_the_frame_recorded_at_the_instant()
    {
        var segments = await RecordAsync(6);
        var at = segments[1].StartsAt + TimeSpan.FromMilliseconds(1530);
        var ffmpeg = new FfmpegRunner(NullLogger.Instance);

        var shot = await RecordedSnapshot.TakeAsync(segments[1], at, ffmpeg, _folder, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.NotNull(shot);
        // The frame starting at 1.52 s into the segment: the last one at or before the instant.
        Assert.Equal(segments[1].StartsAt + TimeSpan.FromMilliseconds(1520), shot.Value.FrameAt, TimeSpan.FromMilliseconds(1));
        Assert.True(shot.Value.Jpeg is [0xFF, 0xD8, ..] && shot.Value.Jpeg.Length > 1000);
        Assert.Null(await RecordedSnapshot.TakeAsync(segments[1], segments[1].EndsAt.AddSeconds(5), ffmpeg, _folder, NullLogger.Instance, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static readonly Func<(DateTimeOffset, DateTimeOffset), (DateTimeOffset, DateTimeOffset), bool> CloseEnough =
        (a, b) => Math.Abs((a.Item1 - b.Item1).TotalMilliseconds) < 50 && Math.Abs((a.Item2 - b.Item2).TotalMilliseconds) < 50;

    private static IEqualityComparer<(DateTimeOffset, DateTimeOffset)> Close { get; } = EqualityComparer<(DateTimeOffset, DateTimeOffset)>.Create(CloseEnough);

    private static RecordedSegmentRef Shift(RecordedSegmentRef segment, TimeSpan by) => segment with { StartsAt = segment.StartsAt + by, EndsAt = segment.EndsAt + by };

    private List<ClipFile> Export(IReadOnlyList<RecordedSegmentRef> segments, DateTimeOffset from, DateTimeOffset to, string name = "clip")
    {
        using var writer = new ClipWriter(part => Path.Combine(_folder, "out", $"{name}-{part}.mp4"), from, to);
        foreach (var frame in RecordedFrameReader.Read(segments, from, to, NullLogger.Instance))
        {
            writer.Write(frame);
            frame.Unit.Release();
        }

        return [.. writer.Finish()];
    }

    /// <summary>Steps between consecutive packets' presentation times, in seconds.</summary>
    private static async Task<List<double>> PacketStepsAsync(string path)
    {
        var times = await PacketTimesAsync(path);
        return [.. times.Zip(times.Skip(1), (a, b) => b - a)];
    }

    /// <summary>Packets' presentation times as ffmpeg reads them (edit list applied), in seconds, in order.</summary>
    private static async Task<List<double>> PacketTimesAsync(string path)
    {
        var probe = await FfTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", path], TestContext.Current.CancellationToken);
        var times = probe.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => double.Parse(line.TrimEnd(','), CultureInfo.InvariantCulture)).Order().ToList();
        return times;
    }

    private async Task<List<RecordedSegmentRef>> RecordAsync(int seconds)
    {
        var units = AnnexBTestSplitter.ToAccessUnits(await clips.H264Async(640, 360, seconds), VideoCodec.H264);
        var index = new ListIndex();
        using (var writer = new SegmentWriter(Path.Combine(_folder, "rec"), "cam", index, NullLogger.Instance, TimeSpan.FromSeconds(3)))
        {
            foreach (var unit in units)
            {
                writer.OnAccessUnit(unit);
            }
        }

        AnnexBTestSplitter.ReleaseAll(units);
        var shift = Start - index.Segments[0].StartsAt;
        return [.. index.Segments.Select(s => new RecordedSegmentRef(s.FullPath, s.StartsAt + shift, s.EndsAt + shift))];
    }

    private sealed class ListIndex : ISegmentIndex
    {
        public List<CompletedSegment> Segments { get; } = [];

        public void OnSegmentCompleted(CompletedSegment segment) => Segments.Add(segment);
    }
}
