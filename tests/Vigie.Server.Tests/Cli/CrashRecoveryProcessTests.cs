using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Recordings;
using Vigie.Media.Tests.Recording;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

/// <summary>The real `vigie demo` process killed with SIGKILL mid-segment, restarted, then stopped cleanly.</summary>
public sealed class CrashRecoveryProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_kill_9_mid_segment_a_restart_recovers_every_torn_file_and_the_index_matches_the_disk()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        var recordings = Path.Combine(folder, "recordings");
        var ports = DemoProcess.FreePorts();

        using (var first = DemoProcess.Start(folder, ports))
        {
            await first.WaitForHealthAsync(Ct);
            // Segments last 60 s and fragments at most 2 s: after 8 s of recording every camera has a torn
            // file with several complete fragments and none has finished a segment.
            await first.WaitUntilAsync(() => Task.FromResult(PartFiles(recordings).Count(f => new FileInfo(f).Length > 0) >= 4), TimeSpan.FromSeconds(60), Ct);
            await Task.Delay(TimeSpan.FromSeconds(8), Ct);
            await first.KillAsync(Ct); // SIGKILL: no flush, no rename, no index row
        }

        // Some seconds without Vigie, as a real restart takes.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        var torn = PartFiles(recordings).ToList();
        Assert.True(torn.Count >= 4, $"{torn.Count} torn files");
        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            Assert.Empty(await db.RecordingSegments.ToListAsync(Ct));
        }

        using (var second = DemoProcess.Start(folder, ports))
        {
            await second.WaitForHealthAsync(Ct);
            await second.WaitUntilAsync(() => Task.FromResult(torn.All(f => File.Exists(f[..^".part".Length]))), TimeSpan.FromSeconds(30), Ct);
            await Task.Delay(TimeSpan.FromSeconds(4), Ct);
            await second.StopAsync(Ct); // SIGTERM: segments in progress are closed and indexed
        }

        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            var rows = await db.RecordingSegments.ToListAsync(Ct);
            Assert.Empty(PartFiles(recordings));
            var files = Directory.EnumerateFiles(recordings, "*.mp4", SearchOption.AllDirectories).Select(Path.GetFullPath).Order().ToList();
            var indexed = rows.Select(r => Path.GetFullPath(Path.Combine(recordings, r.Path))).Order().ToList();
            Assert.Equal(files, indexed);
            foreach (var file in torn)
            {
                Assert.Contains(Path.GetFullPath(file[..^".part".Length]), indexed);
            }

            // The torn files and the segments of the second run (closed at the clean stop) all play.
            foreach (var row in rows)
            {
                Assert.Equal(SegmentState.Complete, row.State);
                var probe = await SegmentProbe.ProbeAsync(Path.Combine(recordings, row.Path), Ct);
                Assert.Equal(row.Frames, probe.Frames);
                Assert.Equal((row.Width, row.Height), (probe.Width, probe.Height));
            }

            Assert.True(rows.Count >= 2 * torn.Count, $"{rows.Count} segments for {torn.Count} torn files and a second run");

            // The hole the crash left is a gap of every camera, from what it had recorded to the restart, saying why.
            var crashGaps = await db.RecordingGaps.Where(g => g.Reason == Vigie.Server.Recording.HostStopGaps.CrashedReason).ToListAsync(Ct);
            Assert.Equal(torn.Count, crashGaps.Count);
            foreach (var gap in crashGaps)
            {
                var recordedUntil = rows.Where(r => r.CameraId == gap.CameraId && r.EndsAt <= gap.StartsAt).Max(r => r.EndsAt);
                Assert.Equal(recordedUntil, gap.StartsAt);
                Assert.True(gap.EndsAt - gap.StartsAt >= TimeSpan.FromSeconds(3), $"gap of {(gap.EndsAt - gap.StartsAt).TotalSeconds} s");
                Assert.Contains(rows, r => r.CameraId == gap.CameraId && r.StartsAt >= gap.EndsAt);
            }

            // And the main courante says it at the restart.
            var entries = await db.LogbookEntries.Where(e => e.Journal == Vigie.Domain.Logbook.Journal.MainCourante).ToListAsync(Ct);
            Assert.Single(entries, e => e.Text.StartsWith("Arrêt anormal de Vigie détecté au démarrage", StringComparison.Ordinal));
        }

        // A clean stop and start: a gap too, with its own reason, and nothing abnormal in the main courante.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        using (var third = DemoProcess.Start(folder, ports))
        {
            await third.WaitForHealthAsync(Ct);
            await third.WaitUntilAsync(async () =>
            {
                await using var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext();
                return await db.RecordingGaps.CountAsync(g => g.Reason == Vigie.Server.Recording.HostStopGaps.StoppedReason, Ct) >= torn.Count;
            }, TimeSpan.FromSeconds(30), Ct);
            await third.StopAsync(Ct);
        }

        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            var stopGaps = await db.RecordingGaps.Where(g => g.Reason == Vigie.Server.Recording.HostStopGaps.StoppedReason).ToListAsync(Ct);
            Assert.Equal(torn.Count, stopGaps.Count);
            Assert.All(stopGaps, gap => Assert.True(gap.EndsAt - gap.StartsAt >= TimeSpan.FromSeconds(3), $"gap of {(gap.EndsAt - gap.StartsAt).TotalSeconds} s"));
            var entries = await db.LogbookEntries.Where(e => e.Journal == Vigie.Domain.Logbook.Journal.MainCourante).ToListAsync(Ct);
            Assert.Single(entries, e => e.Text.StartsWith("Arrêt anormal", StringComparison.Ordinal));
        }

        var verify = await Vigie.Testing.VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, verify.ExitCode);
        Directory.Delete(folder, recursive: true);
    }

    private static IEnumerable<string> PartFiles(string recordings) =>
        Directory.Exists(recordings) ? Directory.EnumerateFiles(recordings, "*.part", SearchOption.AllDirectories) : [];
}
