using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class CameraStateTests
{
    [Fact]
    public async Task The_site_page_shows_a_streaming_cameras_state_and_figures_live()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Parking P2");
        await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Entrée", simulator.UrlOf(1), null, null, null, 30), TestContext.Current.CancellationToken);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GotoAsync($"/sites/{site.Id}");
        var live = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Entrée" });
        await live.GetByText("Flux reçu").WaitForAsync(new() { Timeout = 20_000 });
        await live.GetByText("i/s").WaitForAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-camera-states.png"), FullPage = true });
    }

    [Fact]
    public async Task The_site_page_shows_a_camera_whose_password_cannot_be_decrypted_as_invalid_configuration_in_french_and_english()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(TestContext.Current.CancellationToken);
        // Declared on a first run; then the stored password becomes bytes no key of this data folder decrypts.
        string folder;
        SiteDto site;
        await using (var first = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow()))
        {
            first.KeepDataFolder = true;
            folder = first.DataFolder;
            site = await first.CreateSiteAsync("Parking P3");
            await first.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
                new CameraInput(site.Id, "Sortie", simulator.UrlOf(1), null, "viewer", "stream-secret", 30), TestContext.Current.CancellationToken);
            await first.CreatePersonAsync("op", Role.Operator, [site]);
            await using var db = first.Service<VigieDbFactory>().CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("UPDATE cameras SET \"ProtectedPassword\" = 'CfDJ8-from-another-data-folder'", TestContext.Current.CancellationToken);
        }

        await using var host = await TestHost.StartAsync(dataFolder: folder, now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GotoAsync($"/sites/{site.Id}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sortie" });
        await row.GetByText("Configuration invalide").WaitForAsync(new() { Timeout = 20_000 });
        await row.GetByText("password cannot be decrypted").WaitForAsync(new() { Timeout = 5_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-camera-misconfigured.png"), FullPage = true });

        await page.GotoAsync($"/culture/en?returnUrl=/sites/{site.Id}");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sortie" }).GetByText("Invalid configuration").WaitForAsync(new() { Timeout = 20_000 });
    }
}
