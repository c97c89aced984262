using Microsoft.Playwright;

namespace Vigie.E2E;

/// <summary>A signed-in console in its own browser context (its own cookies), like a second operator desk.</summary>
public static class ConsoleSession
{
    public static async Task<IPage> SignInAsync(Browser browser, Uri baseAddress, string userName, string password)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Identifiant").FillAsync(userName);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens the main courante and waits until its interactive circuit is live.</summary>
    public static async Task OpenLogbookAsync(IPage page)
    {
        await page.GotoAsync("/main-courante");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Main courante", Exact = true }).WaitForAsync();
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
