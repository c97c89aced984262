using System.Net.Http.Json;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Server.Features.Privacy;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

/// <summary>
/// Prefectoral authorisations: a technical alarm of the site 90 and 30 days before the expiry and once expired (once
/// each, on a fake clock), and cameras flagged when no valid authorisation covers them.
/// </summary>
public sealed class ComplianceWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expiry_warnings_reach_the_alarm_queue_once_each_and_cameras_lose_their_cover_at_expiry()
    {
        await using var host = await TestHost.StartAsync();
        var today = Vigie.Server.Security.ParisClock.Today(host.Time);
        var site = await host.CreateSiteAsync("Pharmacie");
        var saved = await host.Service<SiteService>().SaveSiteAsync(TestHost.SystemAdministrator, new SiteId(site.Id),
            new SiteInput(site.Name, null, null, "AP-69-2021-0311", today.AddDays(80), "Comptoir et entrée", null, AuthorisationDate: today.AddYears(-5)), Ct);
        Assert.Equal("ExpiresWithin90", saved.AuthorisationState);
        var sites = host.Service<SiteService>();
        var covered = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "comptoir", "rtsp://192.0.2.10/main", null, null, null, CoveredByAuthorisation: true), Ct);
        var uncovered = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "réserve", "rtsp://192.0.2.11/main", null, null, null), Ct);
        Assert.Equal((true, false), (covered.Authorised, uncovered.Authorised));

        // The watch runs every hour: the 90-day warning opens a technical alarm of the site.
        host.Time.Advance(TimeSpan.FromHours(1));
        await ComplianceSignals.WaitAsync(host, ["authorisation.expires-90"]);
        await host.CreatePersonAsync("op", Vigie.Domain.People.Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var open = await op.GetStringAsync(new Uri("/api/alarms?state=open", UriKind.Relative), Ct);
        Assert.Contains("Autorisation préfectorale AP-69-2021-0311", open, StringComparison.Ordinal);

        // A day later nothing new; 55 days on, the 30-day warning; past the expiry, the last one.
        host.Time.Advance(TimeSpan.FromDays(1));
        host.Time.Advance(TimeSpan.FromDays(55));
        await ComplianceSignals.WaitAsync(host, ["authorisation.expires-90", "authorisation.expires-30"]);
        host.Time.Advance(TimeSpan.FromDays(30));
        await ComplianceSignals.WaitAsync(host, ["authorisation.expires-90", "authorisation.expires-30", "authorisation.expired"]);
        host.Time.Advance(TimeSpan.FromHours(3));
        await Task.Delay(300, Ct);
        await ComplianceSignals.WaitAsync(host, ["authorisation.expires-90", "authorisation.expires-30", "authorisation.expired"]);

        // Expired: the covered camera is flagged too, in lists and on its own.
        Assert.All(await sites.ListCamerasAsync(TestHost.SystemAdministrator, new SiteId(site.Id), Ct), c => Assert.False(c.Authorised));
        // (Sessions last 12 hours: three months on, the operator signs in again.)
        using var later = await host.ClientAsync("op");
        Assert.False((await later.GetFromJsonAsync<CameraDto>($"/api/cameras/{covered.Id}", Ct))!.Authorised);
    }

}
