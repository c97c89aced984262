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
        }

        var verify = await Vigie.Testing.VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, verify.ExitCode);
        Directory.Delete(folder, recursive: true);
    }

    private static IEnumerable<string> PartFiles(string recordings) =>
        Directory.Exists(recordings) ? Directory.EnumerateFiles(recordings, "*.part", SearchOption.AllDirectories) : [];
}
