using System.Globalization;
using Microsoft.Playwright;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Server.Recording;
using Vigie.Server.Security;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class RecordingsPageTests
{
    [Fact]
    public async Task An_operator_picks_a_camera_and_a_day_and_sees_its_segments_gaps_holds_and_timeline()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        var site = await host.CreateSiteAsync("Gare Nord");
        await host.CreateCameraAsync(site, "Hall");
        var camera = await host.CreateCameraAsync(site, "Quai 2");
        var foreign = await host.CreateSiteAsync("Mairie");
        await host.CreateCameraAsync(foreign, "Accueil mairie");
        var day = ParisClock.Today(host.Time).AddDays(-3);
        var at = (int hour, int minute) => ParisClock.FromParis(day.ToDateTime(new TimeOnly(hour, minute)));
        var minute = TimeSpan.FromMinutes(1);
        for (var m = 0; m < 5; m++)
        {
            await host.IndexSegmentAsync(camera.Id, at(8, m), minute);
        }

        await host.IndexGapAsync(camera.Id, at(8, 5), at(8, 7), "perte vidéo");
        await host.IndexSegmentAsync(camera.Id, at(8, 7), minute);
        await host.IndexSegmentAsync(camera.Id, at(8, 8), minute, missing: true);
        await host.IndexSegmentAsync(camera.Id, at(14, 0), minute);
        await host.IndexSegmentAsync(camera.Id, at(8, 0).AddDays(-1), minute);
        await host.Service<LegalHoldService>().PlaceAsync(TestHost.SystemAdministrator, new CameraId(camera.Id),
            new LegalHoldService.NewHold(at(13, 30), at(14, 30), "Vol de bagage", "PV 2026/5120"), TestContext.Current.CancellationToken);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Enregistrements" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Enregistrements", Exact = true }).WaitForAsync();
        // Ready once the cameras of the person's sites are listed.
        var cameras = page.GetByLabel("Caméra", new() { Exact = true });
        await ConsoleSession.WaitUntilReadyAsync(page, cameras.Locator("option", new() { HasText = "Quai 2" }), WaitForSelectorState.Attached);
        Assert.DoesNotContain("Accueil mairie", await cameras.InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Gare Nord" });
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Hall — ") }).WaitForAsync();
        await cameras.SelectOptionAsync(new SelectOptionValue { Label = "Quai 2" });
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Quai 2 — ") }).WaitForAsync();
        await page.GetByLabel("Jour", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Quai 2 — {day.ToString("dddd dd/MM/yyyy", CultureInfo.GetCultureInfo("fr-FR"))}" }).WaitForAsync();

        var table = page.GetByRole(AriaRole.Table, new() { Name = "Segments et interruptions" });
        await table.GetByRole(AriaRole.Row).Filter(new() { HasText = "perte vidéo" }).WaitForAsync();
        var rows = table.GetByRole(AriaRole.Row);
        Assert.Equal(1 + 5 + 1 + 2 + 1, await rows.CountAsync());
        var first = await rows.Nth(1).InnerTextAsync();
        Assert.Contains("08:00:00", first, StringComparison.Ordinal);
        Assert.Contains("08:01:00", first, StringComparison.Ordinal);
        Assert.Contains("Disponible", first, StringComparison.Ordinal);
        Assert.Contains("H264 1280×720", first, StringComparison.Ordinal);
        var gap = await rows.Nth(6).InnerTextAsync();
        Assert.Contains("Interruption", gap, StringComparison.Ordinal);
        Assert.Contains("2 min 00 s", gap, StringComparison.Ordinal);
        Assert.Contains("Manquant", await rows.Nth(8).InnerTextAsync(), StringComparison.Ordinal);
        var held = await rows.Nth(9).InnerTextAsync();
        Assert.Contains("14:00:00", held, StringComparison.Ordinal);
        Assert.Contains("Conservation judiciaire", held, StringComparison.Ordinal);
        Assert.Equal("7 min 00 s", await page.Locator("[data-total=recorded]").InnerTextAsync());
        Assert.Equal("2 min 00 s", await page.Locator("[data-total=gaps]").InnerTextAsync());
        Assert.Equal("1 min 00 s", await page.Locator("[data-total=missing]").InnerTextAsync());

        var timeline = page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Frise de la journée") });
        await timeline.WaitForAsync();
        Assert.Equal(3, await timeline.Locator(".tl-recorded").CountAsync());
        Assert.Equal(1, await timeline.Locator(".tl-gap").CountAsync());
        Assert.Equal(1, await timeline.Locator(".tl-missing").CountAsync());
        Assert.Equal(1, await timeline.Locator(".tl-hold").CountAsync());
        Assert.True((await timeline.Locator(".tl-recorded").First.BoundingBoxAsync())!.Width >= 2);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-recordings.png"), FullPage = true });

        await page.GetByLabel("Seulement les interruptions et les fichiers manquants").CheckAsync();
        await rows.Filter(new() { HasText = "Disponible" }).First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(1 + 2, await rows.CountAsync());
    }
}
