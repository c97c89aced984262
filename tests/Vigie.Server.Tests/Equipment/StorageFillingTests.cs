using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Equipment;

/// <summary>
/// The recordings on a size-capped file system (a 48 MB tmpfs mounted for the test) filling at the camera's real
/// bitrate: the storage alarm, with its days-of-retention estimate, comes while the free space is still above the
/// purge mark, before any recording is purged early or fails to be written.
/// </summary>
public sealed class StorageFillingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const long MinimumFree = 8_000_000;

    [Fact]
    public async Task A_filling_disk_raises_the_storage_alarm_with_the_retention_estimate_before_any_recording_is_lost()
    {
        var data = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        var recordings = Path.Combine(data, "recordings");
        Directory.CreateDirectory(recordings);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", recordings);
        try
        {
            // Leave 20 MB: 12 MB above the purge mark, a minute or two of the simulator's camera.
            var filler = Path.Combine(recordings, "filler.bin");
            await using (var file = File.Create(filler))
            {
                file.SetLength(new DriveInfo(recordings).AvailableFreeSpace - 20_000_000);
                file.Seek(-1, SeekOrigin.End);
                file.WriteByte(1);
            }

            await FillAsync(filler);
            var port = DemoProcess.FreePort();
            await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, Sources = [], CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
            await simulator.StartAsync(Ct);
            await using (var host = await TestHost.StartAsync(dataFolder: data, configure: o => o with
            {
                Record = true,
                Time = TimeProvider.System,
                SegmentDuration = TimeSpan.FromSeconds(2),
                MinimumFreeBytes = MinimumFree,
                Settings = new Dictionary<string, string?>
                {
                    ["Equipment:Interval"] = "00:00:00.250",
                    ["Equipment:StorageInterval"] = "00:00:01",
                    ["Equipment:RaiseAfter"] = "00:00:00",
                    ["Equipment:StorageWarnAhead"] = "00:10:00",
                },
            }))
            {
                host.KeepDataFolder = true; // removed below, once unmounted
                var site = await host.CreateSiteAsync("Gare");
                var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
                    new CameraInput(site.Id, "Quai", $"rtsp://127.0.0.1:{port}/cam1", null, null, null, 30), Ct);
                await host.CreatePersonAsync("op", Domain.People.Role.Operator, [site]);
                using var op = await host.ClientAsync("op");

                Server.Features.Alarms.AlarmDto? alarm = null;
                await CameraOutageTests.WaitAsync(async () =>
                    (alarm = (await TechnicalAlarmTests.OpenTechnicalAsync(op)).FirstOrDefault(a => a.Title.StartsWith("Stockage", StringComparison.Ordinal))) is not null,
                    TimeSpan.FromSeconds(60));
                var free = new DriveInfo(recordings).AvailableFreeSpace;
                Assert.True(free > MinimumFree, $"{free} bytes free when the alarm came: the purge mark was reached first");
                Assert.Contains("Mo libres, seuil de purge atteint dans", alarm!.Title, StringComparison.Ordinal);
                Assert.Matches(@"conservation possible [0-9.]+ j", alarm.Title);
                Assert.Null(alarm.SiteId); // the centre's storage serves every site
                Assert.Equal(3, alarm.Priority); // recordings at risk: before a camera offline (4)

                var storage = await CameraOutageTests.DeviceAsync(op, "storage:recordings");
                Assert.True(storage!.State == "fault", $"{storage.State}: {storage.Detail} — alarm: {alarm.Title}");
                Assert.True(storage.Figures["retentionDays"] >= 0);
                Assert.True(storage.Figures["writeKbps"] > 0);
                await using var db = host.Service<VigieDbFactory>().CreateDbContext();
                Assert.Empty(await db.PurgeLog.ToListAsync(Ct));
                var recorder = await CameraOutageTests.DeviceAsync(op, $"recorder:{camera.Id:N}");
                Assert.True(recorder!.Figures["framesWritten"] > 0);
                Assert.Equal(0, recorder.Figures["writeErrors"]);
            }
        }
        finally
        {
            await RunAsync("umount", "-l", recordings);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>tmpfs allocates on write: the filler's pages are written so that the free space is really taken.</summary>
    private static async Task FillAsync(string path)
    {
        var buffer = new byte[1 << 20];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        for (long at = 0; at < file.Length; at += buffer.Length)
        {
            await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, file.Length - at)), Ct);
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        // Mounting needs root: CI runs as root; elsewhere sudo without a password.
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? command : "sudo") { RedirectStandardError = true };
        if (!root)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(command);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} — this test mounts a size-capped tmpfs and needs root or sudo");
    }
}
