using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class LogbookLiveTests
{
    [Fact]
    public async Task Entry_added_in_one_console_appears_in_another_without_reload()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        var site = await host.CreateSiteAsync("Gare Saint-Charles");
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();

        var writer = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "chef", TestHost.Password);
        var reader = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await ConsoleSession.OpenLogbookAsync(writer);
        await ConsoleSession.OpenLogbookAsync(reader);
        var navigations = 0;
        reader.FrameNavigated += (_, frame) => navigations += frame == reader.MainFrame ? 1 : 0;

        var text = $"Ronde quai 3 : porte technique trouvée ouverte, refermée ({Guid.NewGuid():N})";
        await writer.GetByLabel("Site", new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Label = "Gare Saint-Charles" });
        await writer.GetByLabel("Catégorie", new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Label = "Incident" });
        await writer.GetByLabel("Texte").FillAsync(text);
        await writer.GetByRole(AriaRole.Button, new() { Name = "Ajouter à la main courante" }).ClickAsync();

        var row = reader.GetByRole(AriaRole.Row).Filter(new() { HasText = text });
        await row.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, navigations);
        Assert.Contains("Gare Saint-Charles", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("CHEF", await row.InnerTextAsync(), StringComparison.Ordinal);

        await reader.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-logbook-live-reader.png"), FullPage = true });
        await writer.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-logbook-live-writer.png"), FullPage = true });
    }

    [Fact]
    public async Task Empty_entry_shows_a_field_error_and_a_correction_references_the_entry()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        var site = await host.CreateSiteAsync("Port");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        // The server answers late, as under load: typing before the page shows an answer would be lost.
        await SlowLink.ApplyAsync(page, TimeSpan.FromMilliseconds(250));
        await ConsoleSession.OpenLogbookAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter à la main courante" }).ClickAsync();
        await page.GetByText("Le texte de l'entrée est obligatoire.").WaitForAsync();

        await page.GetByLabel("Texte").FillAsync("Véhicule suspect parking P2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter à la main courante" }).ClickAsync();
        var original = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Véhicule suspect parking P2" });
        await original.WaitForAsync();
        await original.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Corriger") }).ClickAsync();
        // The form becomes the correction of that entry, showing the text corrected: only then type the new one.
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Corriger l'entrée n° \\d+$") }).WaitForAsync();
        await page.GetByRole(AriaRole.Blockquote).Filter(new() { HasText = "Véhicule suspect parking P2" }).WaitForAsync();
        await page.GetByLabel("Texte").FillAsync("Véhicule suspect parking P3 (et non P2)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la correction" }).ClickAsync();

        var correction = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "(et non P2)" });
        await correction.WaitForAsync();
        Assert.Contains("Corrige l'entrée n°", await correction.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Véhicule suspect parking P2" }).Filter(new() { HasNotText = "et non" }).CountAsync());
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-logbook-correction.png"), FullPage = true });
    }
}
