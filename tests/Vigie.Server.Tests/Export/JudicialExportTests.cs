using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Cameras;
using Vigie.Media.Retention;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;
using Vigie.Testing;
using static Vigie.Server.Tests.Export.ExportTestSteps;

namespace Vigie.Server.Tests.Export;

/// <summary>
/// A judicial request (CSI L252-5: images kept beyond the retention period only for a judicial procedure): the export
/// holds its source ranges, linked to its register entry; purges on a clock 40 days on never delete them; only a
/// supervisor releases them, with a reason, after which the next purge does.
/// </summary>
public sealed class JudicialExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_judicial_export_holds_its_source_until_a_supervisor_releases_it_with_a_reason()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Entrepôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai 3", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("controle", Role.Auditor, []);
        using var chef = await host.ClientAsync("chef");
        using var op = await host.ClientAsync("op");
        using var auditor = await host.ClientAsync("controle");
        var segments = await WaitForSegmentsAsync(host, camera.Id, 4);
        var request = new
        {
            cameraIds = new[] { camera.Id },
            from = segments[0].StartsAt + TimeSpan.FromMilliseconds(300),
            to = segments[1].EndsAt - TimeSpan.FromMilliseconds(300),
            reason = "Cambriolage de l'entrepôt",
            authority = "Tribunal judiciaire de Lyon",
            requisition = "Parquet 26/118",
            officer = "Lieutenant Martin",
            judicial = true,
        };

        // Operators make plain exports; a judicial one places a hold, which is a supervisor's.
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/exports", request, Ct)).StatusCode);
        var noRequisition = await chef.PostAsJsonAsync("/api/exports", request with { requisition = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noRequisition.StatusCode);
        Assert.Contains("export.requisition_required", await noRequisition.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var id = (await ReadJobAsync(await chef.PostAsJsonAsync("/api/exports", request, Ct))).GetProperty("id").GetGuid();
        var done = await WaitForExportAsync(chef, id);
        Assert.True(done.GetProperty("judicial").GetBoolean());
        var number = done.GetProperty("registerNumber").GetInt64();

        // The hold names the procedure and the register entry; auditors see it, operators do not list holds.
        var holds = await chef.GetFromJsonAsync<List<LegalHoldService.HoldDto>>("/api/holds?active=true", Ct);
        var hold = Assert.Single(holds!);
        Assert.Equal((number, "Parquet 26/118", "Quai 3", camera.Id), (hold.RegisterNumber, hold.ProcedureNumber, hold.CameraName, hold.CameraId));
        Assert.Equal((request.from, request.to), (hold.From, hold.To));
        Assert.Contains("Tribunal judiciaire de Lyon", hold.Reason, StringComparison.Ordinal);
        Assert.Single((await auditor.GetFromJsonAsync<List<LegalHoldService.HoldDto>>("/api/holds", Ct))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri("/api/holds", UriKind.Relative), Ct)).StatusCode);
        var register = await auditor.GetStringAsync(new Uri("/api/extractions.csv", UriKind.Relative), Ct);
        Assert.Contains(",yes,Tribunal judiciaire de Lyon,Parquet 26/118,", register, StringComparison.Ordinal);

        // Forty days on, the purge takes everything recorded but the held range.
        var later = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddDays(40));
        var purge = new RetentionExecutor(host.Service<VigieHostOptions>().RecordingsFolder, new RetentionOptions(), host.Service<IRetentionStore>(), host.Service<ICameraEvents>(),
            new PlentyOfSpace(), later, NullLogger.Instance);
        var first = await purge.RunOnceAsync(Ct);
        Assert.True(first.Expired >= 2, $"{first.Expired} expired");
        Assert.True(File.Exists(FullPath(host, segments[0])) && File.Exists(FullPath(host, segments[1])), "a held segment was purged");
        Assert.False(File.Exists(FullPath(host, segments[3])), "a segment outside the hold was kept");

        // Released only by a supervisor, only with a reason; then the next purge takes the range.
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/holds/{hold.Id}/release", new { reason = "fin" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/holds/{hold.Id}/release", new { reason = "fin" }, Ct)).StatusCode);
        var noReason = await chef.PostAsJsonAsync($"/api/holds/{hold.Id}/release", new { reason = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("hold.release_reason_required", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var released = await chef.PostAsJsonAsync($"/api/holds/{hold.Id}/release", new { reason = "Classement sans suite notifié le 2 janvier" }, Ct);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal("Classement sans suite notifié le 2 janvier", (await released.Content.ReadFromJsonAsync<LegalHoldService.HoldDto>(Ct))!.ReleaseReason);
        await purge.RunOnceAsync(Ct);
        Assert.False(File.Exists(FullPath(host, segments[0])));

        var entries = await host.Service<Vigie.Server.Features.Logbook.LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante,
            new Vigie.Storage.Logbook.LogbookFilter(Category: LogbookCategory.Procedure), Ct);
        Assert.Contains(entries, e => e.Text.Contains($"registre des extractions n° {number}", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.Contains("motif : Classement sans suite", StringComparison.Ordinal));
    }

    private static string FullPath(TestHost host, Vigie.Domain.Recordings.RecordingSegment segment) =>
        Path.Combine(host.Service<VigieHostOptions>().RecordingsFolder, segment.Path);

    private sealed class PlentyOfSpace : IFreeSpaceProbe
    {
        public long FreeBytes(string folder) => long.MaxValue / 2;
    }
}
