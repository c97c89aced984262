using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Recording;
using Vigie.Media.Rtsp;
using Vigie.Media.Tests.Rtsp;

namespace Vigie.Media.Tests.Recording;

public sealed class RecordingRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_torn_segment_is_cut_to_its_last_fragment_renamed_and_adopted_and_orphans_are_indexed()
    {
        await using var camera = await GstRtspServerPeer.StartAsync("h264");
        var run = await RecordingRun.RecordAsync(camera.Uri, RtspTransportMode.TcpInterleaved, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(60), Ct);
        var segment = Assert.Single(run.Segments);

        // What a kill -9 mid-write leaves: complete fragments, then part of the next one, under the temporary name.
        var bytes = await File.ReadAllBytesAsync(segment.FullPath, Ct);
        File.Delete(segment.FullPath);
        var torn = segment.FullPath + RecordingPaths.TemporarySuffix;
        await File.WriteAllBytesAsync(torn, bytes.AsMemory(0, (int)(bytes.Length * 0.7)), Ct);
        // A leftover with nothing playable in it.
        var empty = Path.Combine(Path.GetDirectoryName(segment.FullPath)!, "235959-999Z.mp4" + RecordingPaths.TemporarySuffix);
        await File.WriteAllBytesAsync(empty, [0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e', 1, 2, 3], Ct);

        var index = new List<CompletedSegment>();
        var report = RecordingRecovery.Recover(run.Folder, new HashSet<string>(), new ListIndex(index), NullLogger.Instance);

        Assert.Equal(1, report.Truncated);
        Assert.Equal(1, report.Deleted);
        Assert.False(File.Exists(torn));
        Assert.False(File.Exists(empty));
        var adopted = Assert.Single(index);
        Assert.Equal(segment.RelativePath, adopted.RelativePath);
        var probe = await SegmentProbe.ProbeAsync(adopted.FullPath, Ct);
        Assert.Equal(adopted.Frames, probe.Frames);
        Assert.True(adopted.Frames < segment.Frames && adopted.Frames > 0);
        Assert.Equal((segment.Width, segment.Height), (adopted.Width, adopted.Height));
        Assert.InRange(probe.Duration, (adopted.EndsAt - adopted.StartsAt).TotalSeconds - 0.041, (adopted.EndsAt - adopted.StartsAt).TotalSeconds + 0.041);
        Assert.Equal(segment.StartsAt.ToUnixTimeMilliseconds(), adopted.StartsAt.ToUnixTimeMilliseconds(), tolerance: 20);

        // A second pass finds everything known and changes nothing.
        var again = RecordingRecovery.Recover(run.Folder, new HashSet<string>([adopted.RelativePath]), new ListIndex(index), NullLogger.Instance);
        Assert.Equal((0, 0, 0), (again.Truncated, again.Adopted, again.Deleted));
        Assert.Empty(again.Missing);
        Directory.Delete(run.Folder, recursive: true);
    }

    [Fact]
    public async Task A_folder_is_reconciled_from_its_listing_rows_whose_file_vanished_come_back_as_missing()
    {
        await using var camera = await GstRtspServerPeer.StartAsync("h264");
        var run = await RecordingRun.RecordAsync(camera.Uri, RtspTransportMode.TcpInterleaved, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2), Ct);
        Assert.True(run.Segments.Count >= 3, $"{run.Segments.Count} segments");
        var folder = Path.GetDirectoryName(run.Segments[0].RelativePath)!;
        Assert.Equal([folder], RecordingRecovery.DayFolders(run.Folder, "cam"));
        Assert.True(RecordingRecovery.TryParseDay(folder, out var day));
        Assert.Equal(DateOnly.FromDateTime(run.Segments[0].StartsAt.UtcDateTime), day);

        // One file deleted behind the index's back, one file the index never got.
        File.Delete(run.Segments[0].FullPath);
        var indexed = run.Segments.Take(run.Segments.Count - 1).Select(s => s.RelativePath).ToHashSet();
        var index = new List<CompletedSegment>();

        var report = RecordingRecovery.ReconcileFolder(run.Folder, folder, indexed, new ListIndex(index), NullLogger.Instance);

        Assert.Equal([run.Segments[0].RelativePath], report.Missing);
        Assert.Equal(run.Segments[^1].RelativePath, Assert.Single(index).RelativePath);
        Assert.Equal(run.Segments[^1].Frames, index[0].Frames);
        Directory.Delete(run.Folder, recursive: true);
    }

    private sealed class ListIndex(List<CompletedSegment> segments) : ISegmentIndex
    {
        public void OnSegmentCompleted(CompletedSegment segment) => segments.Add(segment);
    }
}
