using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;
using Vigie.Media.Recording;
using Vigie.Media.Retention;
using Vigie.Media.Tests.Cameras;

namespace Vigie.Media.Tests.Retention;

/// <summary>The retention executor on a fake clock, with real segment files and the index and events in memory.</summary>
public sealed class RetentionExecutorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-retention-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryRetentionStore _store = new();
    private readonly CollectedEvents _events = new();
    private readonly CameraId _camera = new(Guid.NewGuid());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expired_segments_go_held_ones_stay_and_every_purge_is_logged()
    {
        var now = _time.GetUtcNow();
        var expired = Segment(now.AddDays(-31));
        var held = Segment(now.AddDays(-40));
        var recent = Segment(now.AddDays(-2));
        _store.Holds.Add(new LegalHold(_camera, held.StartsAt, held.EndsAt, "Vol avec violence", "PV 2026/311", "chef", now.AddDays(-39)));

        var result = await Executor(free: 1_000_000_000_000, minimumFree: 2L * 1024 * 1024 * 1024).RunOnceAsync(Ct);

        Assert.Equal(1, result.Expired);
        Assert.False(File.Exists(FullPath(expired)));
        Assert.True(File.Exists(FullPath(held)));
        Assert.True(File.Exists(FullPath(recent)));
        Assert.Equal([held.Path, recent.Path], _store.Segments.OrderBy(s => s.StartsAt).Select(s => s.Path));
        Assert.Equal((expired.Path, PurgeReason.RetentionExpired, now), Assert.Single(_store.PurgeLog));
        Assert.Empty(_events.All);
    }

    [Fact]
    public async Task A_cameras_own_shorter_retention_is_applied()
    {
        var now = _time.GetUtcNow();
        _store.RetentionDays[_camera] = 7;
        var older = Segment(now.AddDays(-8));
        var newer = Segment(now.AddDays(-6));

        var result = await Executor(free: 1_000_000_000_000, minimumFree: 2L * 1024 * 1024 * 1024).RunOnceAsync(Ct);

        Assert.Equal(1, result.Expired);
        Assert.Equal([newer.Path], _store.Segments.Select(s => s.Path));
        Assert.Equal(older.Path, Assert.Single(_store.PurgeLog).Path);
    }

    [Fact]
    public async Task Low_disk_deletes_the_oldest_segments_first_and_raises_a_technical_event()
    {
        var now = _time.GetUtcNow();
        var oldest = Segment(now.AddHours(-3));
        var middle = Segment(now.AddHours(-2));
        var newest = Segment(now.AddHours(-1));

        var result = await Executor(free: 0, minimumFree: 1500).RunOnceAsync(Ct);

        Assert.Equal(2, result.LowDisk);
        Assert.False(result.StillLow);
        Assert.True(File.Exists(FullPath(newest)));
        Assert.Equal([oldest.Path, middle.Path], _store.PurgeLog.Select(p => p.Path));
        Assert.All(_store.PurgeLog, p => Assert.Equal(PurgeReason.LowDiskSpace, p.Reason));
        var written = Assert.Single(_events.All);
        Assert.Equal((CameraEventKind.LowDiskSpace, (CameraId?)null), (written.Kind, written.Camera));
        Assert.StartsWith("Espace disque", written.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Low_disk_never_deletes_held_segments_and_says_the_disk_is_still_low()
    {
        var now = _time.GetUtcNow();
        var held = Segment(now.AddHours(-3));
        _store.Holds.Add(new LegalHold(_camera, held.StartsAt, held.EndsAt, "Agression", "PV 9", "chef", now));

        var result = await Executor(free: 0, minimumFree: 1_000_000).RunOnceAsync(Ct);

        Assert.Equal(0, result.LowDisk);
        Assert.True(result.StillLow);
        Assert.True(File.Exists(FullPath(held)));
        Assert.Empty(_store.PurgeLog);
        Assert.Contains("conservation judiciaire", Assert.Single(_events.All).Text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private RetentionExecutor Executor(long free, long minimumFree) =>
        new(_folder, new RetentionOptions { MinimumFreeBytes = minimumFree }, _store, _events, new FixedFreeSpace(free), _time, NullLogger.Instance);

    /// <summary>A 60 s segment of 1000 bytes, on disk and in the index.</summary>
    private RecordingSegment Segment(DateTimeOffset start)
    {
        var relative = RecordingPaths.RelativePath(CameraRecorder.FolderOf(_camera), start);
        var full = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, new byte[1000]);
        var segment = new RecordingSegment(_camera, start, start.AddSeconds(60), relative, 1000, 1500, 60, "h264", 1280, 720);
        _store.Segments.Add(segment);
        return segment;
    }

    private string FullPath(RecordingSegment segment) => Path.Combine(_folder, segment.Path);

    private sealed class FixedFreeSpace(long free) : IFreeSpaceProbe
    {
        public long FreeBytes(string folder) => free;
    }
}
