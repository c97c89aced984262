using Microsoft.Playwright;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Server.Demo;
using Vigie.Server.Features.Sites;
using Vigie.Server.Recording;
using Vigie.Testing;
using static Vigie.E2E.PlaybackProbe;

namespace Vigie.E2E;

/// <summary>A first-time user on a demo started a moment ago: what the Relecture page offers must play.</summary>
public sealed class FreshDemoPlaybackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_a_fresh_demo_relire_with_the_pages_own_instant_plays_the_camera()
    {
        // `vigie demo` in-process: the demo site, its simulated cameras, recorded in one-minute segments.
        await using var host = await TestHost.StartAsync(seedDemo: true, now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SimulatorPort = DemoProcess.FreePort() });
        var site = (await host.Service<SiteService>().ListSitesAsync(TestHost.SystemAdministrator, Ct)).Single(s => s.Name == DemoSeeder.SiteName);
        var parvis = (await host.Service<SiteService>().ListCamerasAsync(TestHost.SystemAdministrator, new SiteId(site.Id), Ct)).Single(c => c.Name == "Parvis");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        // The user arrives once the camera records its first minute (nothing of it is in the index yet).
        await WaitUntilRecordingAsync(host, parvis.Id);

        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Relecture" }).ClickAsync();
        // Ticked only once the page is interactive (a tick on the prerendered page would be lost under load).
        await ConsoleSession.WaitUntilReadyAsync(page, page.GetByLabel("Parvis"));
        await page.GetByLabel("Parvis").CheckAsync();
        // Ticking the camera offers an instant it has recorded and shows its tile: then play.
        await page.Locator($".playback-tile[data-camera='{parvis.Id}']").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Relire" }).ClickAsync();

        await WaitForPlayingAsync(page, parvis.Id.ToString());
        Assert.Equal(0, await page.GetByText("Chargement…").CountAsync());
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-playback-fresh-demo.png") });
    }

    private static async Task WaitUntilRecordingAsync(TestHost host, Guid camera)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (host.Service<Vigie.Media.Cameras.ICameraRecorders>().RecorderOf(new CameraId(camera))?.Growing?.RecordedUntil() is null)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the demo camera was not recorded within 90 s");
            await Task.Delay(250, Ct);
        }
    }
}
