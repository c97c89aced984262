using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Recordings;
using Vigie.Media.Tests.Recording;
using Vigie.Storage.Database;

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
        var (port, camsim) = (FreePort(), FreePort());

        using (var first = StartDemo(folder, port, camsim))
        {
            await WaitForHealthAsync(port, first);
            // Segments last 60 s and fragments at most 2 s: after 8 s of recording every camera has a torn
            // file with several complete fragments and none has finished a segment.
            await WaitUntilAsync(() => PartFiles(recordings).Count(f => new FileInfo(f).Length > 0) >= 4, TimeSpan.FromSeconds(60), first);
            await Task.Delay(TimeSpan.FromSeconds(8), Ct);
            first.Kill(); // SIGKILL: no flush, no rename, no index row
            await first.WaitForExitAsync(Ct);
        }

        var torn = PartFiles(recordings).ToList();
        Assert.True(torn.Count >= 4, $"{torn.Count} torn files");
        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            Assert.Empty(await db.RecordingSegments.ToListAsync(Ct));
        }

        using (var second = StartDemo(folder, port, camsim))
        {
            await WaitForHealthAsync(port, second);
            await WaitUntilAsync(() => torn.All(f => File.Exists(f[..^".part".Length])), TimeSpan.FromSeconds(30), second);
            await Task.Delay(TimeSpan.FromSeconds(4), Ct);
            await StopAsync(second);
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

    private static Process StartDemo(string folder, int port, int camsim)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vigie.dll"), "demo", "--data", folder, "--urls", $"http://127.0.0.1:{port}", "--camsim-port", camsim.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C stops the host: segments in progress are closed and indexed.</summary>
    private static async Task StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    private static async Task WaitForHealthAsync(int port, Process process)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/health", Ct)).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !Ct.IsCancellationRequested))
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), process);
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Process process) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, process);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Process process)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            Assert.False(process.HasExited, $"vigie exited with {(process.HasExited ? process.ExitCode : 0)}");
            Assert.True(TimeProvider.System.GetUtcNow() < until, "condition not met in time");
            await Task.Delay(250, Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
