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

    [Fact]
    public async Task A_pass_reads_the_segments_it_purges_and_not_the_rest_of_the_archive()
    {
        // Three cameras, ten days of 10-minute segments each (4,320 in all), a retention of seven days.
        var now = _time.GetUtcNow();
        CameraId[] cameras = [_camera, new(Guid.NewGuid()), new(Guid.NewGuid())];
        foreach (var camera in cameras)
        {
            _store.RetentionDays[camera] = 7;
            for (var start = now.AddDays(-10); start < now; start = start.AddMinutes(10))
            {
                Segment(start, camera, TimeSpan.FromMinutes(10), writeFile: false);
            }
        }

        var executor = Executor(free: 1_000_000_000_000, minimumFree: 0);
        var first = await executor.RunOnceAsync(Ct);

        Assert.Equal(3 * 3 * 144, first.Expired);
        // What it purged, and at most the one segment per camera that straddles its cut-off.
        Assert.InRange(_store.SegmentsRead, first.Expired, first.Expired + cameras.Length);

        // Nothing new is due: a pass is one short read per camera.
        var before = _store.SegmentsRead;
        Assert.Equal(0, (await executor.RunOnceAsync(Ct)).Expired);
        Assert.InRange(_store.SegmentsRead - before, 0, cameras.Length);

        // Ten minutes later, one segment per camera has expired.
        _time.Advance(TimeSpan.FromMinutes(10));
        before = _store.SegmentsRead;
        Assert.Equal(3, (await executor.RunOnceAsync(Ct)).Expired);
        Assert.InRange(_store.SegmentsRead - before, 3, 3 + cameras.Length);
        Assert.All(_store.Segments, s => Assert.True(s.EndsAt > _time.GetUtcNow().AddDays(-7)));
    }

    [Fact]
    public async Task Low_disk_purges_the_oldest_segments_of_all_cameras_in_start_order_around_a_held_one()
    {
        var now = _time.GetUtcNow();
        var other = new CameraId(Guid.NewGuid());
        // Interleaved: this camera at every even minute, the other at every odd one; 600 segments each (past a page).
        for (var i = 0; i < 1200; i++)
        {
            Segment(now.AddMinutes(-1200 + i), i % 2 == 0 ? _camera : other, TimeSpan.FromMinutes(1), writeFile: i < 20);
        }

        var ordered = _store.Segments.OrderBy(s => s.StartsAt).ToList();
        _store.Holds.Add(new LegalHold(other, ordered[3].StartsAt, ordered[3].EndsAt, "Rixe", "PV 12", "chef", now));

        var result = await Executor(free: 0, minimumFree: 10_000).RunOnceAsync(Ct);

        // 10,000 bytes: the ten oldest segments but the held one.
        Assert.Equal(10, result.LowDisk);
        Assert.Equal(ordered.Take(11).Where((_, i) => i != 3).Select(s => s.Path), _store.PurgeLog.Select(p => p.Path));
        Assert.True(File.Exists(FullPath(ordered[3])));
        Assert.True(_store.SegmentsRead <= 2 * RetentionExecutor.PageSize, $"{_store.SegmentsRead} segments read");
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
    private RecordingSegment Segment(DateTimeOffset start) => Segment(start, _camera, TimeSpan.FromSeconds(60), writeFile: true);

    /// <summary>A segment of 1000 bytes in the index, and on disk when asked (a missing file is only logged when purged).</summary>
    private RecordingSegment Segment(DateTimeOffset start, CameraId camera, TimeSpan length, bool writeFile)
    {
        var relative = RecordingPaths.RelativePath(CameraRecorder.FolderOf(camera), start);
        var full = Path.Combine(_folder, relative);
        if (writeFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, new byte[1000]);
        }

        var segment = new RecordingSegment(camera, start, start + length, relative, 1000, 1500, 60, "h264", 1280, 720);
        _store.Segments.Add(segment);
        return segment;
    }

    private string FullPath(RecordingSegment segment) => Path.Combine(_folder, segment.Path);

    private sealed class FixedFreeSpace(long free) : IFreeSpaceProbe
    {
        public long FreeBytes(string folder) => free;
    }
}
