using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class SignInTests
{
    [Fact]
    public async Task Wrong_password_shows_an_error_and_english_is_one_click_away()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        await host.CreatePersonAsync("chef", Role.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByLabel("Identifiant").FillAsync("chef");
        await page.GetByLabel("Mot de passe").FillAsync("pas le bon mot de passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Identifiant ou mot de passe incorrect." }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await page.GetByLabel("User name").FillAsync("chef");
        await page.GetByLabel("Password").FillAsync(TestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Log book (main courante)" }).First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-home-english.png"), FullPage = true });
    }
}
