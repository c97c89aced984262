using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>
/// The Équipements page in Chromium, as an operator: a recorded simulator camera stops, its row turns to "en défaut"
/// with its alarm; a ticket is opened from the technical alarm in the queue, the network test run from the ticket finds
/// the camera unreachable, the ticket is closed; a maintenance mutes it; the page in English.
/// </summary>
public sealed class EquipmentPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_sees_a_camera_fail_opens_a_ticket_from_its_alarm_runs_the_network_test_closes_it_and_puts_the_camera_in_maintenance()
    {
        var port = DemoProcess.FreePort();
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, Sources = [], CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with
        {
            Record = true,
            Time = TimeProvider.System,
            VideoLossDelay = TimeSpan.FromSeconds(2),
            Settings = new Dictionary<string, string?> { ["Equipment:Interval"] = "00:00:00.250", ["Equipment:RaiseAfter"] = "00:00:00" },
        });
        var site = await host.CreateSiteAsync("Parking P4");
        await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Barrière", $"rtsp://127.0.0.1:{port}/cam1", null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GotoAsync("/equipements");
        var camera = page.Locator("tr.device-row").Filter(new() { HasText = "Caméra" }).Filter(new() { HasText = "Barrière" });
        await camera.GetByText("normal").WaitForAsync(new() { Timeout = 30_000 });
        await simulator.DisposeAsync();
        await camera.GetByText("en défaut").WaitForAsync(new() { Timeout = 30_000 });
        await camera.GetByText("hors ligne").WaitForAsync();
        await camera.GetByText("alarme × 1").WaitForAsync(new() { Timeout = 10_000 });

        // From the technical alarm in the queue: a ticket opened from it, then its guided steps on Équipements.
        await page.GotoAsync("/alarmes");
        var alarm = page.Locator("tr.alarm-row").Filter(new() { HasText = "Barrière" });
        await alarm.ClickAsync(new() { Timeout = 15_000 });
        await page.Locator("#alarm-ticket-open").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ticket n° 1 — Barrière" }).ClickAsync();
        var detail = page.Locator("#device-detail");
        await detail.GetByText("Disponibilité").WaitForAsync();
        await detail.GetByText("n° 1 — Caméra « Barrière » : hors ligne").WaitForAsync();
        await page.Locator("#tickets-title ~ table tr.device-row").Filter(new() { HasText = "Barrière" }).ClickAsync();
        var ticket = page.Locator("#ticket-detail");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Tester le réseau" }).ClickAsync();
        await ticket.GetByText("injoignable").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#ticket-fix").FillAsync("Câble réseau rebranché");
        await page.Locator("#ticket-close").ClickAsync();
        await ticket.GetByText("Câble réseau rebranché").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-equipment-ticket.png"), FullPage = true });

        await page.Locator("#maintenance-reason").FillAsync("Remplacement de la caméra");
        await page.Locator("#maintenance-start").ClickAsync();
        await camera.GetByText("en maintenance", new() { Exact = true }).WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-equipment.png"), FullPage = true });

        await page.GotoAsync("/culture/en?returnUrl=/equipements");
        await page.Locator("tr.device-row").Filter(new() { HasText = "Barrière" }).Filter(new() { HasText = "Camera" }).GetByText("in maintenance", new() { Exact = true }).WaitForAsync(new() { Timeout = 20_000 });
        await page.Locator("tr.device-row").Filter(new() { HasText = "Server" }).GetByText("background loops").WaitForAsync();
    }
}
