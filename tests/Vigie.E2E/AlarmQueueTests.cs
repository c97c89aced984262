using Microsoft.Playwright;
using Vigie.Alarms.Dc09;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>The alarm queue in two operators' consoles: a panel's intrusion reaches both, one takes it, the other sees it locked.</summary>
public sealed class AlarmQueueTests
{
    [Fact]
    public async Task An_intrusion_reaches_both_queues_one_operator_takes_it_from_the_keyboard_and_closes_a_false_alarm_the_other_sees_each_step()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Dc09Port = 0, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Bijouterie Lafayette");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("B1B1", site.Name, null, TimeSpan.FromMinutes(5), "test", ct);
        await host.Service<AccountDirectory>().ReloadAsync(ct);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        await host.CreatePersonAsync("bob", Role.Operator, [site]);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), ct);
        await using var browser = await Browser.LaunchAsync();
        var ana = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "ana", TestHost.Password);
        var bob = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "bob", TestHost.Password);
        foreach (var page in new[] { ana, bob })
        {
            await ConsoleSession.OpenAsync(page, "/alarmes", p => p.GetByText("Aucune alarme ouverte."));
        }

        var frame = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 7, null, "1", "B1B1", "#B1B1|Nri1/BA12]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow()));
        Assert.Equal(Dc09Frame.Ack, (await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, frame, null, ct)).Type);

        var anaRow = ana.Locator("tr.alarm-row").Filter(new() { HasText = "Bijouterie Lafayette" });
        var bobRow = bob.Locator("tr.alarm-row").Filter(new() { HasText = "Bijouterie Lafayette" });
        await anaRow.GetByText("P2").WaitForAsync(new() { Timeout = 10_000 });
        await bobRow.GetByText("nouvelle").WaitForAsync(new() { Timeout = 10_000 });
        await anaRow.GetByText("zone 12").WaitForAsync();

        // Keyboard only: into the queue, down to the alarm, Entrée takes it.
        await ana.Locator(".queue-scroll").FocusAsync();
        await ana.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(anaRow).ToHaveAttributeAsync("aria-selected", "true");
        await ana.Keyboard.PressAsync("Enter");
        await ana.GetByTestId("alarm-state").GetByText("Prise en charge par vous").WaitForAsync();
        await bobRow.GetByText("en cours — ANA").WaitForAsync();
        await Assertions.Expect(bobRow.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" })).ToHaveCountAsync(0);

        // A plain false alarm, from the keyboard too: the verdict has the focus after the take.
        await Assertions.Expect(ana.GetByLabel("Fausse alarme")).ToBeFocusedAsync();
        await ana.Keyboard.PressAsync("Space");
        await ana.GetByLabel("Animal").CheckAsync();
        await ana.GetByLabel("Résumé").FillAsync("Chat sur le détecteur, vu à la caméra.");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Clôturer" }).ClickAsync();

        await ana.GetByText("Fausse alarme (Animal) — Chat sur le détecteur, vu à la caméra.").WaitForAsync();
        await Assertions.Expect(anaRow).ToHaveCountAsync(0);
        await Assertions.Expect(bobRow).ToHaveCountAsync(0);
        await bob.GetByText("Aucune alarme ouverte.").WaitForAsync();
        await ana.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-alarm-queue.png"), FullPage = true });
    }
}
