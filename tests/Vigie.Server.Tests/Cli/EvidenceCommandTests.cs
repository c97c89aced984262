using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Evidence;
using Vigie.Domain.Logbook;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

/// <summary>`vigie evidence export` on a data folder recorded by the host: the register entry and a package that verifies.</summary>
public sealed class EvidenceCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_extraction_from_the_shell_is_registered_audited_and_verifies_and_bad_requests_are_refused()
    {
        string data;
        DateTimeOffset start, end;
        await using (var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance))
        {
            await simulator.StartAsync(Ct);
            await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
                configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
            host.KeepDataFolder = true;
            data = host.DataFolder;
            var site = await host.CreateSiteAsync("Dépôt");
            var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
            List<Vigie.Domain.Recordings.RecordingSegment> segments;
            do
            {
                Assert.True(TimeProvider.System.GetUtcNow() < deadline, "fewer than 3 segments recorded in 60 s");
                await Task.Delay(200, Ct);
                await using var db = host.Service<VigieDbFactory>().CreateDbContext();
                segments = [.. (await db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == new Vigie.Domain.CameraId(camera.Id)).ToListAsync(Ct)).OrderBy(s => s.StartsAt)];
            }
            while (segments.Count < 3);

            (start, end) = (segments[0].StartsAt.AddMilliseconds(200), segments[1].EndsAt.AddMilliseconds(-200));
        }

        var output = Path.Combine(data, "scellé-1");
        string[] Args(string cameraName, DateTimeOffset from, DateTimeOffset to, string folder) =>
        [
            "evidence", "export", "--data", data, "--camera", cameraName, "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture),
            "--authority", "Parquet de Lyon", "--requisition", "RQ-2026-118", "--officer", "OPJ Bernard", "--reason", "Dégradations sur le quai", "--out", folder,
        ];

        var exported = await VigieProcess.RunAsync(TimeSpan.FromMinutes(2), Args("Quai", start, end, output));
        Assert.True(exported.ExitCode == 0, exported.All);
        Assert.Contains("extraction n° 1: camera « Quai », 1 clip(s)", exported.Output, StringComparison.Ordinal);
        var verified = await VigieProcess.RunAsync("evidence", "verify", output, "--public-key", Path.Combine(data, Vigie.Server.Security.InstallationKey.PublicFileName));
        Assert.True(verified.ExitCode == 0, verified.All);
        Assert.Contains("requisition RQ-2026-118 (Parquet de Lyon, OPJ Bernard)", verified.Output, StringComparison.Ordinal);

        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(data)).CreateDbContext())
        {
            var entry = await db.Extractions.SingleAsync(Ct);
            Assert.Equal((1L, ExtractionState.Completed, "vigie evidence export", "Quai", "RQ-2026-118"), (entry.Id, entry.State, entry.RequestedByName, entry.CameraNames, entry.Requisition));
            var audit = await db.LogbookEntries.Where(e => e.Journal == Journal.Audit && e.AuthorName == "vigie evidence export").Select(e => e.Category).ToListAsync(Ct);
            Assert.Equal([AuditCategory.ExportRequested, AuditCategory.ExportCompleted], audit);
        }

        // Refusals name what is wrong; nothing is registered for them.
        var unknown = await VigieProcess.RunAsync(Args("Hangar", start, end, Path.Combine(data, "x1")));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no camera named « Hangar »", unknown.Error, StringComparison.Ordinal);
        var full = await VigieProcess.RunAsync(Args("Quai", start, end, output));
        Assert.Equal(2, full.ExitCode);
        Assert.Contains("is not empty", full.Error, StringComparison.Ordinal);
        var nothing = await VigieProcess.RunAsync(Args("Quai", start.AddDays(-3), start.AddDays(-2), Path.Combine(data, "x2")));
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("nothing is recorded for camera « Quai »", nothing.Error, StringComparison.Ordinal);
        var badDate = await VigieProcess.RunAsync([.. Args("Quai", start, end, Path.Combine(data, "x3")).Select(a => a == start.ToString("O", CultureInfo.InvariantCulture) ? "hier" : a)]);
        Assert.Equal(2, badDate.ExitCode);
        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(data)).CreateDbContext())
        {
            Assert.Equal(1, await db.Extractions.CountAsync(Ct));
        }

        Directory.Delete(data, recursive: true);
    }
}
