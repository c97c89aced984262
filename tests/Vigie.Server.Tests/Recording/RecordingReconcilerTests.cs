using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Recording;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

/// <summary>
/// Start-up reconciliation looks only where an unclean stop can have left something; the rest of the archive
/// is checked in the background, one folder a step. Real fragmented MP4 files (ffmpeg's own fragmenter, a
/// peer), the real database.
/// </summary>
public sealed class RecordingReconcilerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private byte[] _segment = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigie-reconciler-{Guid.NewGuid():N}.mp4");
        var ffmpeg = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "2", "-c:v", "libx264", "-bf", "0", "-g", "25",
             "-movflags", "+frag_keyframe+empty_moov+default_base_moof", path]) { UseShellExecute = false })!;
        await ffmpeg.WaitForExitAsync(Ct);
        Assert.Equal(0, ffmpeg.ExitCode);
        _segment = await File.ReadAllBytesAsync(path, Ct);
        File.Delete(path);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_start_repairs_the_newest_folder_only_and_the_background_sweep_checks_the_rest(string database)
    {
        await using var host = database == "postgres" ? await TestHost.StartOnPostgresAsync() : await TestHost.StartAsync(now: Now);
        var now = host.Time.GetUtcNow();
        var site = await host.CreateSiteAsync("Port");
        var camera = new CameraId((await host.CreateCameraAsync(site, "quai 4")).Id);
        var reconciler = host.Service<RecordingReconciler>();

        // Five days ago: a row whose file was deleted, a row with its file, a file the index lost.
        var vanishedFile = await IndexedAsync(host, camera, now.AddDays(-5), writeFile: false);
        var kept = await IndexedAsync(host, camera, now.AddDays(-5).AddMinutes(1), writeFile: true);
        var lostRow = await FileAsync(host, camera, now.AddDays(-5).AddMinutes(2));
        // Ten days ago: rows only, the day's folder is gone.
        var vanishedDay = await IndexedAsync(host, camera, now.AddDays(-10), writeFile: false);
        // Today: the newest indexed segment, then the one being written when the host was killed.
        var newest = await IndexedAsync(host, camera, now.AddMinutes(-3), writeFile: true);
        var torn = await FileAsync(host, camera, now.AddMinutes(-2), torn: true);

        var report = await reconciler.RecentAsync(Ct);

        Assert.Equal((1, 1, 0), (report.Truncated, report.Adopted, report.Deleted));
        Assert.True(File.Exists(Full(host, torn)));
        Assert.True(File.Exists(Full(host, lostRow)), "an older folder is not looked at before recording starts");
        Assert.Equal(SegmentState.Complete, await StateAsync(host, vanishedFile));

        var steps = 0;
        while (await reconciler.SweepStepAsync(Ct))
        {
            steps++;
        }

        await host.Service<SegmentIndexWriter>().WriteNextAsync(Ct);
        Assert.Equal(1, steps); // one older folder
        Assert.True(reconciler.SweepComplete);
        Assert.Equal(SegmentState.Missing, await StateAsync(host, vanishedFile));
        Assert.Equal(SegmentState.Missing, await StateAsync(host, vanishedDay));
        Assert.Equal(SegmentState.Complete, await StateAsync(host, kept));
        Assert.Equal(SegmentState.Complete, await StateAsync(host, newest));
        Assert.Equal(SegmentState.Complete, await StateAsync(host, torn));
        Assert.Equal(SegmentState.Complete, await StateAsync(host, lostRow));
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var adopted = await db.RecordingSegments.SingleAsync(s => s.Path == lostRow, Ct);
        Assert.Equal((50, 320, 180), (adopted.Frames, adopted.Width, adopted.Height));
    }

    [Fact]
    public async Task A_camera_the_index_does_not_know_has_all_its_folders_reconciled_at_start()
    {
        await using var host = await TestHost.StartAsync(now: Now);
        var site = await host.CreateSiteAsync("Port");
        var camera = new CameraId((await host.CreateCameraAsync(site, "quai 5")).Id);
        var old = await FileAsync(host, camera, Now.AddDays(-20));
        var recent = await FileAsync(host, camera, Now.AddHours(-1));

        var report = await host.Service<RecordingReconciler>().RecentAsync(Ct);
        await host.Service<SegmentIndexWriter>().WriteNextAsync(Ct);

        Assert.Equal(2, report.Adopted);
        Assert.Equal(SegmentState.Complete, await StateAsync(host, old));
        Assert.Equal(SegmentState.Complete, await StateAsync(host, recent));
        Assert.False(await host.Service<RecordingReconciler>().SweepStepAsync(Ct));
    }

    private static string Full(TestHost host, string relative) => Path.Combine(host.Service<VigieHostOptions>().RecordingsFolder, relative);

    private async Task<string> FileAsync(TestHost host, CameraId camera, DateTimeOffset start, bool torn = false)
    {
        var relative = RecordingPaths.RelativePath(SegmentIndexWriter.FolderOf(camera), start);
        var full = Full(host, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(torn ? full + RecordingPaths.TemporarySuffix : full, torn ? _segment[..(_segment.Length * 7 / 10)] : _segment, Ct);
        return relative;
    }

    private async Task<string> IndexedAsync(TestHost host, CameraId camera, DateTimeOffset start, bool writeFile)
    {
        var relative = writeFile ? await FileAsync(host, camera, start) : RecordingPaths.RelativePath(SegmentIndexWriter.FolderOf(camera), start);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        db.RecordingSegments.Add(new RecordingSegment(camera, start, start.AddSeconds(2), relative, _segment.Length, 50, 2, "h264", 320, 180));
        await db.SaveChangesAsync(Ct);
        return relative;
    }

    private static async Task<SegmentState?> StateAsync(TestHost host, string relative)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return (await db.RecordingSegments.AsNoTracking().SingleOrDefaultAsync(s => s.Path == relative, Ct))?.State;
    }
}
