using Microsoft.Playwright;
using Vigie.Alarms.Dc09;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class AlarmSignalsTests
{
    [Fact]
    public async Task A_panel_alarm_appears_live_on_the_alarms_page_with_its_meaning_and_raw_frame()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Dc09Port = 0, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Bijouterie Lafayette");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("B1B1", site.Name, null, TimeSpan.FromMinutes(5), "test", ct);
        await host.Service<AccountDirectory>().ReloadAsync(ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), ct);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GotoAsync("/signaux");
        await page.GetByText("Aucun signal reçu.").WaitForAsync();
        // Declared, supervised, not heard yet.
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "B1B1" }).GetByText("Aucun message reçu").WaitForAsync();

        // A hold-up alarm from the panel, with a verification video link, arrives while the page is open.
        var frame = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 3, null, "1", "B1B1", "#B1B1|Nri1/HA04][Vhttps://nvr.example/clip/3]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow()));
        Assert.Equal(Dc09Frame.Ack, (await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, frame, null, ct)).Type);

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Agression" });
        await row.WaitForAsync(new() { Timeout = 10_000 });
        await row.GetByText("P1").WaitForAsync();
        await row.GetByText("Bijouterie Lafayette").WaitForAsync();
        await row.GetByText("zone 04").WaitForAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "B1B1" }).GetByText("Liaison OK").WaitForAsync();
        Assert.Equal("https://nvr.example/clip/3", await row.GetByRole(AriaRole.Link, new() { Name = "Vidéo de levée de doute" }).GetAttributeAsync("href"));
        await row.GetByRole(AriaRole.Button, new() { Name = "Trame" }).ClickAsync();
        await page.GetByLabel("Trame").Filter(new() { HasText = "#B1B1|Nri1/HA04" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-alarm-signals.png"), FullPage = true });
    }
}
