using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Server.Demo;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>The operator's cost of the commonest case: a plain false alarm on the demo, from the queue to closed, in clicks.</summary>
public sealed class FalseAlarmClicksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_plain_false_alarm_of_the_demo_is_closed_from_the_queue_in_at_most_six_clicks()
    {
        await using var host = await TestHost.StartAsync(seedDemo: true, now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Time = TimeProvider.System, SimulatorPort = DemoProcess.FreePort(), Dc09Port = 0 });
        var site = (await host.Service<SiteService>().ListSitesAsync(TestHost.SystemAdministrator, Ct)).Single(s => s.Name == DemoSeeder.SiteName);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await ConsoleSession.OpenAsync(page, "/alarmes", p => p.GetByRole(AriaRole.Heading, new() { Name = "Alarmes" }));

        // The demo's panels send an intrusion soon after the start: the first alarm of a new user.
        var row = page.Locator("tr.alarm-row").Filter(new() { HasText = "Intrusion" }).First;
        await row.WaitForAsync(new() { Timeout = 60_000 });
        var clicks = 0;
        async Task ClickAsync(ILocator target)
        {
            await target.ClickAsync();
            clicks++;
        }

        await ClickAsync(row.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }));
        await page.GetByTestId("alarm-state").GetByText("Prise en charge par vous").WaitForAsync();
        // The demo's consignes make watching the cameras mandatory: the operator says it was done.
        await ClickAsync(page.Locator(".consignes li[data-step='1']").GetByRole(AriaRole.Button, new() { Name = "Fait", Exact = true }));
        await page.Locator(".consignes li.step-done[data-step='1']").WaitForAsync();
        await ClickAsync(page.GetByLabel("Fausse alarme"));
        await ClickAsync(page.GetByLabel("Animal"));
        await ClickAsync(page.GetByLabel("Résumé"));
        await page.Keyboard.TypeAsync("Chat sur le parvis, vu à l'enregistrement.");
        await ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Clôturer" }));

        await page.GetByText("Fausse alarme (Animal) — Chat sur le parvis, vu à l'enregistrement.").WaitForAsync();
        Assert.True(clicks <= 6, $"{clicks} clicks");
    }
}
