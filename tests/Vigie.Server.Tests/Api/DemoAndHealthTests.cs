using System.Net;
using Vigie.Domain.Logbook;
using Vigie.Server.Demo;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

public sealed class DemoAndHealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_seeds_the_campus_site_with_cameras_and_alarm_panels_once_and_writes_it_to_the_main_courante()
    {
        await using var host = await TestHost.StartAsync(seedDemo: true);
        var sites = host.Service<SiteService>();
        var site = Assert.Single(await sites.ListSitesAsync(TestHost.SystemAdministrator, Ct));
        Assert.Equal(DemoSeeder.SiteName, site.Name);
        Assert.True(site.Contacts.Count >= 2);
        Assert.Contains(site.Contacts, c => c.IsKeyholder);
        var cameras = await sites.ListCamerasAsync(TestHost.SystemAdministrator, new Domain.SiteId(site.Id), Ct);
        Assert.Equal(4, cameras.Count);
        Assert.All(cameras, c => Assert.StartsWith("rtsp://127.0.0.1:8554/cam", c.MainStreamUrl, StringComparison.Ordinal));

        Assert.Null(await host.Service<DemoSeeder>().SeedAsync(Ct));
        var entries = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante, new LogbookFilter(), Ct);
        Assert.Equal(3, entries.Count(e => e.Category == LogbookCategory.System && e.SiteId == site.Id));
        await using var db = host.Service<Vigie.Storage.Database.VigieDbFactory>().CreateDbContext();
        Assert.Equal(["DE40", "DE41"], db.TransmitterAccounts.Where(a => a.SiteId == new Domain.SiteId(site.Id)).Select(a => a.Account).OrderBy(a => a).ToList());
    }

    [Fact]
    public async Task Health_answers_503_when_the_data_folder_is_gone()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await host.ClientAsync();
        Directory.Delete(host.DataFolder, recursive: true);
        var response = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
