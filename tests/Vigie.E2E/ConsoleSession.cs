using Microsoft.Playwright;

namespace Vigie.E2E;

/// <summary>
/// A signed-in console in its own browser context (its own cookies), like a second operator desk, and the
/// waits that make a test act only on what the page really shows. The console's pages are interactive on
/// the server: a control typed into before its page has rendered what it loads, or before the answer to the
/// previous click has come back, can see its text replaced by that render — under load that is a flaky test.
/// </summary>
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

    /// <summary>
    /// Waits until the page's interactive circuit is connected (wwwroot/vigie.lib.module.js says so),
    /// then until it shows <paramref name="ready"/>: something it renders only once it has loaded what the
    /// test is about to use.
    /// </summary>
    public static async Task WaitUntilReadyAsync(IPage page, ILocator ready, WaitForSelectorState state = WaitForSelectorState.Visible)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(ready);
        await page.WaitForFunctionAsync("() => window.vigieCircuit === 'connected'");
        await ready.WaitForAsync(new() { State = state });
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page is ready (<see cref="WaitUntilReadyAsync"/>).</summary>
    public static async Task OpenAsync(IPage page, string path, Func<IPage, ILocator> ready)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(ready);
        await page.GotoAsync(path);
        await WaitUntilReadyAsync(page, ready(page));
    }

    /// <summary>Opens the main courante and waits until its entry form is on screen, with the person's sites loaded.</summary>
    public static Task OpenLogbookAsync(IPage page) =>
        OpenAsync(page, "/main-courante", p => p.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle entrée", Exact = true }));
}
