using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class PeopleAdministrationTests
{
    private static readonly string[] Areas = ["Mur d'images", "Alarmes", "Main courante", "Sites", "Équipements", "Registres", "Administration"];

    [Fact]
    public async Task Administrator_adds_an_operator_with_a_professional_card_then_signs_out()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        await host.CreateSiteAsync("Gare Saint-Charles");
        await host.CreatePersonAsync("admin", Role.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        foreach (var area in Areas)
        {
            await navigation.GetByRole(AriaRole.Link, new() { Name = area, Exact = true }).WaitForAsync();
        }

        await navigation.GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle personne" }).WaitForAsync();
        // The form is ready once the sites it offers are loaded.
        await ConsoleSession.WaitUntilReadyAsync(page, page.GetByLabel("Gare Saint-Charles"));

        await page.GetByLabel("Identifiant").FillAsync("c.martin");
        await page.GetByLabel("Nom affiché").FillAsync("Camille Martin");
        await page.GetByLabel("Mot de passe").FillAsync("une phrase de passe assez longue");
        await page.GetByLabel("Gare Saint-Charles").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.GetByText("Les opérateurs et chefs de poste doivent avoir une carte professionnelle").WaitForAsync();

        await page.GetByLabel("N° de carte professionnelle (CNAPS)").FillAsync("CAR-013-2030-05-17-20240001234");
        await page.GetByLabel("Expiration de la carte").FillAsync("2030-05-17");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "c.martin" });
        await row.WaitForAsync();
        var cells = await row.InnerTextAsync();
        Assert.Contains("Opérateur", cells, StringComparison.Ordinal);
        Assert.Contains("Valide", cells, StringComparison.Ordinal);
        Assert.Contains("17/05/2030", cells, StringComparison.Ordinal);
        Assert.Contains("Gare Saint-Charles", cells, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-people-administration.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/main-courante");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
    }
}
