using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class SiteAdministrationTests
{
    [Fact]
    public async Task Administrator_creates_a_site_and_a_camera_and_sees_the_legal_retention_limit()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        await host.CreatePersonAsync("admin", Role.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);

        await ConsoleSession.OpenAsync(page, "/sites", p => p.GetByRole(AriaRole.Heading, new() { Name = "Nouveau site" }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouveau site" }).ClickAsync();
        await page.GetByText("Le nom du site est obligatoire.").WaitForAsync();
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Hôpital Nord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouveau site" }).ClickAsync();
        // The new site's own page, with its camera form, before typing into it.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Hôpital Nord" }).WaitForAsync();
        await page.GetByLabel("Flux principal (RTSP)").WaitForAsync();

        await page.GetByLabel("Nom", new() { Exact = true }).Last.FillAsync("Urgences entrée");
        await page.GetByLabel("Flux principal (RTSP)").FillAsync("rtsp://10.1.2.3/stream1");
        await page.GetByLabel("Conservation (jours)").FillAsync("45");
        // The camera form's own button (the page has other forms below: consignes, zones).
        var cameras = page.GetByRole(AriaRole.Region, new() { Name = "Caméras", Exact = true });
        await cameras.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).Last.ClickAsync();
        await page.GetByText("La conservation ne peut pas dépasser 30 jours").WaitForAsync();

        await page.GetByLabel("Conservation (jours)").FillAsync("30");
        await cameras.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "Urgences entrée", Exact = true }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-site-administration.png"), FullPage = true });
    }
}
