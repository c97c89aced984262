using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Domain.Recordings;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Media.Retention;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

/// <summary>
/// Retention through the host: the engine (tested on its own in Vigie.Media.Tests, Retention/) wired to the
/// database index and purge log, and legal holds through the API.
/// </summary>
public sealed class RetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expired_segments_go_held_ones_stay_and_every_purge_is_logged()
    {
        await using var host = await TestHost.StartAsync();
        var (camera, site) = await CameraAsync(host);
        var now = host.Time.GetUtcNow();
        var expired = await SegmentAsync(host, camera, now.AddDays(-31));
        var held = await SegmentAsync(host, camera, now.AddDays(-40));
        var recent = await SegmentAsync(host, camera, now.AddDays(-2));
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            db.LegalHolds.Add(new LegalHold(camera, held.StartsAt, held.EndsAt, "Vol avec violence", "PV 2026/311", "chef", now.AddDays(-39)));
            await db.SaveChangesAsync(Ct);
        }

        var result = await host.Service<RetentionExecutor>().RunOnceAsync(Ct);

        Assert.Equal(1, result.Expired);
        Assert.False(File.Exists(FullPath(host, expired)));
        Assert.True(File.Exists(FullPath(host, held)));
        Assert.True(File.Exists(FullPath(host, recent)));
        await using var check = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Equal([held.Path, recent.Path], (await check.RecordingSegments.OrderBy(s => s.StartsAt).ToListAsync(Ct)).Select(s => s.Path));
        var purge = await check.PurgeLog.SingleAsync(Ct);
        Assert.Equal((expired.Path, PurgeReason.RetentionExpired, now), (purge.Path, purge.Reason, purge.PurgedAt));

        // Auditors read the purge log (what, when, why), as JSON and CSV; operators do not.
        await host.CreatePersonAsync("controle", Role.Auditor, []);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var auditor = await host.ClientAsync("controle");
        using var op = await host.ClientAsync("op");
        var rows = await auditor.GetFromJsonAsync<List<PurgeLogService.PurgeDto>>("/api/purges", Ct);
        var row = Assert.Single(rows!);
        Assert.Equal(("quai", "Gare", "retention", 1, 1000L, expired.StartsAt, expired.EndsAt, now), (row.Camera, row.Site, row.Reason, row.Segments, row.Bytes, row.RecordedFrom, row.RecordedTo, row.PurgedAt));
        var bytes = await auditor.GetByteArrayAsync(new Uri("/api/purges.csv", UriKind.Relative), Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("purged_at_utc,camera,site,reason,segments,bytes,recorded_from_utc,recorded_to_utc\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",quai,Gare,retention,1,1000,", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri("/api/purges", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Supervisors_place_and_release_holds_through_the_api_and_both_go_to_the_main_courante()
    {
        await using var host = await TestHost.StartAsync();
        var (camera, site) = await CameraAsync(host);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var chef = await host.ClientAsync("chef");
        using var op = await host.ClientAsync("op");
        var from = host.Time.GetUtcNow().AddHours(-2);
        var request = new LegalHoldService.NewHold(from, from.AddMinutes(30), "Réquisition du commissariat", "PV 2026/4521");

        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/cameras/{camera.Value}/holds", request, Ct)).StatusCode);
        var placed = await chef.PostAsJsonAsync($"/api/cameras/{camera.Value}/holds", request, Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var hold = await placed.Content.ReadFromJsonAsync<LegalHoldService.HoldDto>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.PostAsJsonAsync($"/api/cameras/{camera.Value}/holds", request with { ProcedureNumber = "" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.PostAsync($"/api/holds/{hold!.Id}/release", null, Ct)).StatusCode);
        var release = await chef.PostAsJsonAsync($"/api/holds/{hold.Id}/release", new LegalHoldService.Release("Procédure close"), Ct);
        Assert.True(release.StatusCode == HttpStatusCode.OK, await release.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.PostAsJsonAsync($"/api/holds/{hold.Id}/release", new LegalHoldService.Release("encore"), Ct)).StatusCode);

        var entries = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante, new LogbookFilter(Category: LogbookCategory.Procedure), Ct);
        Assert.Contains(entries, e => e.Text.StartsWith("Conservation judiciaire posée", StringComparison.Ordinal) && e.Text.Contains("PV 2026/4521", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.StartsWith("Conservation judiciaire levée", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sites_authorised_period_bounds_its_cameras_and_more_than_30_days_is_refused_citing_the_article()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreatePersonAsync("admin", Role.Administrator, []);
        using var admin = await host.ClientAsync("admin");
        var site = await host.CreateSiteAsync("Pharmacie");
        var input = new SiteInput(site.Name, null, null, "AP-69-2026-12", null, null, null);

        var tooLong = await admin.PutAsJsonAsync($"/api/sites/{site.Id}", input with { RetentionDays = 31 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var problem = await tooLong.Content.ReadAsStringAsync(Ct);
        Assert.Contains("site.retention_over_legal_limit", problem, StringComparison.Ordinal);
        Assert.Contains("L252-5", problem, StringComparison.Ordinal);

        // A camera of 20 days, then the site's period set to 15: the camera is shortened with it.
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "comptoir", "rtsp://192.0.2.10/main", null, null, null, 20), Ct);
        var saved = await (await admin.PutAsJsonAsync($"/api/sites/{site.Id}", input with { RetentionDays = 15 }, Ct)).Content.ReadFromJsonAsync<SiteDto>(Ct);
        Assert.Equal(15, saved!.RetentionDays);
        Assert.Equal(15, (await host.Service<SiteService>().GetCameraAsync(TestHost.SystemAdministrator, new CameraId(camera.Id), Ct)).RetentionDays);

        // A camera asking for more than its site allows is refused, naming the site's period; none given takes it.
        var cameraInput = new CameraInput(site.Id, "réserve", "rtsp://192.0.2.11/main", null, null, null, 16);
        var overSite = await admin.PostAsJsonAsync("/api/cameras", cameraInput, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, overSite.StatusCode);
        var overSiteText = await overSite.Content.ReadAsStringAsync(Ct);
        Assert.Contains("camera.retention_over_site_period", overSiteText, StringComparison.Ordinal);
        Assert.Contains("15 days", overSiteText, StringComparison.Ordinal);
        var overLaw = await admin.PostAsJsonAsync("/api/cameras", cameraInput with { RetentionDays = 31 }, Ct);
        Assert.Contains("L252-5", await overLaw.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var defaulted = await (await admin.PostAsJsonAsync("/api/cameras", cameraInput with { RetentionDays = null }, Ct)).Content.ReadFromJsonAsync<CameraDto>(Ct);
        Assert.Equal(15, defaulted!.RetentionDays);

        var audit = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.Audit, new LogbookFilter(), Ct);
        Assert.Contains(audit, e => e.Text.Contains("retention 30 → 15 days, cameras shortened: comptoir", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_purge_keeps_a_camera_the_shorter_of_its_own_retention_and_its_sites_period()
    {
        await using var host = await TestHost.StartAsync();
        var (camera, site) = await CameraAsync(host);
        await host.Service<SiteService>().SaveSiteAsync(TestHost.SystemAdministrator, new SiteId(site.Id),
            new SiteInput(site.Name, null, null, null, null, null, null, RetentionDays: 7), Ct);
        var now = host.Time.GetUtcNow();
        var eightDays = await SegmentAsync(host, camera, now.AddDays(-8));
        var sixDays = await SegmentAsync(host, camera, now.AddDays(-6));

        var result = await host.Service<RetentionExecutor>().RunOnceAsync(Ct);

        Assert.Equal(1, result.Expired);
        Assert.False(File.Exists(FullPath(host, eightDays)));
        Assert.True(File.Exists(FullPath(host, sixDays)));
    }

    private static async Task<(CameraId Camera, SiteDto Site)> CameraAsync(TestHost host)
    {
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.CreateCameraAsync(site, "quai");
        return (new CameraId(camera.Id), site);
    }

    private static async Task<RecordingSegment> SegmentAsync(TestHost host, CameraId camera, DateTimeOffset start)
    {
        var relative = Media.Recording.RecordingPaths.RelativePath(SegmentIndexWriter.FolderOf(camera), start);
        var full = Path.Combine(host.Service<VigieHostOptions>().RecordingsFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, new byte[1000], Ct);
        var segment = new RecordingSegment(camera, start, start.AddSeconds(60), relative, 1000, 1500, 60, "h264", 1280, 720);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        db.RecordingSegments.Add(segment);
        await db.SaveChangesAsync(Ct);
        return segment;
    }

    private static string FullPath(TestHost host, RecordingSegment segment) => Path.Combine(host.Service<VigieHostOptions>().RecordingsFolder, segment.Path);
}
