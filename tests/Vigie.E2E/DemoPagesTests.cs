using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Server.Demo;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>A new administrator on a fresh demo opens every alarm-handling page: each shows its content, none fails.</summary>
public sealed class DemoPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_alarm_handling_page_opens_for_a_new_administrator_on_the_demo()
    {
        await using var host = await TestHost.StartAsync(seedDemo: true, now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Time = TimeProvider.System, SimulatorPort = DemoProcess.FreePort(), Dc09Port = 0 });
        var site = (await host.Service<SiteService>().ListSitesAsync(TestHost.SystemAdministrator, Ct)).Single(s => s.Name == DemoSeeder.SiteName);
        await host.CreatePersonAsync("admin", Role.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);

        (string Path, string Shows)[] pages =
        [
            ("/", "Alarmes ouvertes"),
            ("/alarmes", "↑/↓ pour choisir, Entrée pour prendre en charge."),
            ("/alarmes/indicateurs", "Par priorité"),
            ("/incidents", "Listes de crise"),
            ("/intervenants", "Julien Moreau"),
            ($"/sites/{site.Id}", "Zones et caméras"),
        ];
        foreach (var (path, shows) in pages)
        {
            await ConsoleSession.OpenAsync(page, path, p => p.GetByText(shows, new() { Exact = false }).First);
            await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath($"e2e-demo-page{path.Replace('/', '-')}.png"), FullPage = true });
        }

        // The demo's consignes and zones are on the site's page: intrusion steps, zone 001 watched by the Parvis camera.
        await Assertions.Expect(page.GetByLabel("Intitulé 1")).ToHaveValueAsync("Visionner l'enregistrement de l'alarme et le direct de la zone");
        await Assertions.Expect(page.GetByLabel("zone 001 — Parvis")).ToBeCheckedAsync();
    }
}
