using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
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
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, CacheFolder = Path.Combine(Path.GetTempPath(), "vigie-camsim-tests") }, NullLogger.Instance);
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
}
