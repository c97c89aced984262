using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Server.Demo;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;
using static Vigie.E2E.PlaybackProbe;

namespace Vigie.E2E;

/// <summary>
/// On the demo (its cameras recorded, its panels declared): an intrusion sent by `vigie panelsim` handled from
/// the queue to closure by one operator while a second one watches, with the clip, a snapshot, the consignes and
/// the L613-6 gate, a patrol whose agent reports from a phone page, then `vigie logbook verify`.
/// </summary>
public sealed class DemoAlarmHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_intrusion_from_panelsim_is_verified_with_its_clip_and_a_snapshot_before_the_police_is_called_then_closed()
    {
        await using var host = await TestHost.StartAsync(seedDemo: true, now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SimulatorPort = DemoProcess.FreePort(), Dc09Port = 0 });
        host.KeepDataFolder = true;
        var site = (await host.Service<SiteService>().ListSitesAsync(TestHost.SystemAdministrator, Ct)).Single(s => s.Name == DemoSeeder.SiteName);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        await host.CreatePersonAsync("bob", Role.Operator, [site]);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await using var browser = await Browser.LaunchAsync();
        var ana = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "ana", TestHost.Password);
        var bob = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "bob", TestHost.Password);
        foreach (var page in new[] { ana, bob })
        {
            await ConsoleSession.OpenAsync(page, "/alarmes", p => p.GetByRole(AriaRole.Heading, new() { Name = "Alarmes" }));
        }

        // Let the cameras record a little before the alarm, as on a site that has been running.
        await Task.Delay(TimeSpan.FromSeconds(12), Ct);
        var sent = await VigieProcess.RunAsync("panelsim", "--port", intake.Dc09Port!.Value.ToString(CultureInfo.InvariantCulture),
            "--first-account", DemoSeeder.FirstPanelAccount.ToString("X4", CultureInfo.InvariantCulture), "--only", "BA", "--zones", "1", "--count", "1", "--rate", "0");
        Assert.True(sent.ExitCode == 0, sent.Output);

        var anaRow = ana.Locator("tr.alarm-row").Filter(new() { HasText = "zone 001" });
        var bobRow = bob.Locator("tr.alarm-row").Filter(new() { HasText = "zone 001" });
        await anaRow.WaitForAsync(new() { Timeout = 15_000 });
        await bobRow.WaitForAsync(new() { Timeout = 15_000 });
        await anaRow.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }).ClickAsync();
        await ana.GetByTestId("alarm-state").GetByText("Prise en charge par vous").WaitForAsync();
        await bobRow.GetByText("en cours — ANA").WaitForAsync();

        // The clip of the alarm plays at once (zone 001 is watched by the Parvis camera).
        var parvis = (await host.Service<SiteService>().ListCamerasAsync(TestHost.SystemAdministrator, new SiteId(site.Id), Ct)).Single(c => c.Name == "Parvis");
        await WaitForPlayingAsync(ana, parvis.Id.ToString());

        // The police is refused before any verification, accepted once a snapshot is in the file.
        await ana.GetByTestId("gate").WaitForAsync();
        await ana.GetByRole(AriaRole.Button, new() { Name = "Noter l'appel" }).ClickAsync();
        await ana.GetByRole(AriaRole.Alert).GetByText("Vérification requise (CSI L613-6)").WaitForAsync();
        await ana.GetByRole(AriaRole.Button, new() { Name = "Direct" }).ClickAsync();
        await ana.Locator(".alarm-tile[data-state='streaming']").First.WaitForAsync(new() { Timeout = 20_000 });
        await ana.GetByRole(AriaRole.Button, new() { Name = "Instantané au dossier" }).First.ClickAsync();
        await ana.Locator(".evidence img").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(ana.GetByTestId("gate")).ToHaveCountAsync(0);
        await ana.GetByLabel("Référence").FillAsync("CIC-4471");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Noter l'appel" }).ClickAsync();
        await ana.GetByText("Police (17) —").WaitForAsync();

        // A patrol goes; the agent, on a phone-sized page reached by the link (no account), reports back.
        await ana.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        var link = await ana.GetByTestId("agent-link").InnerTextAsync();
        var phone = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "fr-FR" });
        await phone.GotoAsync(link);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Je suis sur place" }).ClickAsync();
        await phone.GetByTestId("agent-status").GetByText("sur place").WaitForAsync();
        await phone.GetByLabel("Rapport").FillAsync("Vitre du hall brisée, police sur place, site sécurisé.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Terminé — envoyer le rapport" }).ClickAsync();
        await phone.GetByText("Intervention terminée, rapport transmis. Merci.").WaitForAsync();
        await ana.GetByTestId("patrol-status").GetByText("terminé").WaitForAsync();
        await ana.GetByText("Vitre du hall brisée, police sur place, site sécurisé.").WaitForAsync();
        // The link served once: used again, it is refused.
        await phone.GotoAsync(link);
        await phone.GetByText("Ce lien n'est pas ou plus valable").WaitForAsync();

        await ana.GetByLabel("Doute avéré").CheckAsync();
        await ana.GetByLabel("Résumé").FillAsync("Individu vu sur le parvis, police prévenue.");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Clôturer" }).ClickAsync();
        await ana.GetByText("Doute avéré — Individu vu sur le parvis, police prévenue.").WaitForAsync();
        await Assertions.Expect(bobRow).ToHaveCountAsync(0);
        await ana.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-demo-alarm.png"), FullPage = true });

        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            var id = await db.Alarms.Where(a => a.Zone == "001" && a.ClosedAt != null).Select(a => a.Id).SingleAsync(Ct);
            var steps = await db.LogbookEntries.Where(e => e.Journal == Journal.MainCourante && e.References.StartsWith($"alarme:{id}"))
                .OrderBy(e => e.Sequence).Select(e => e.Text).ToListAsync(Ct);
            Assert.Collection(steps.Where(t => !t.Contains("rétablissement", StringComparison.Ordinal) && !t.Contains(" : priorité ", StringComparison.Ordinal)),
                t => Assert.Contains("ouverte", t, StringComparison.Ordinal),
                t => Assert.Contains("prise en charge par ANA", t, StringComparison.Ordinal),
                t => Assert.Contains("instantané de la caméra Parvis", t, StringComparison.Ordinal),
                t => Assert.Contains("police (17) prévenu(e) par ANA, référence CIC-4471", t, StringComparison.Ordinal),
                t => Assert.Contains("intervenant Julien Moreau (Rhône Intervention Sécurité (démo)) envoyé par ANA", t, StringComparison.Ordinal),
                t => Assert.Contains("intervenant Julien Moreau — sur place", t, StringComparison.Ordinal),
                t => Assert.Contains("intervenant Julien Moreau — terminé. Rapport : Vitre du hall brisée", t, StringComparison.Ordinal),
                t => Assert.Contains("clôturée par ANA : doute avéré", t, StringComparison.Ordinal));
        }

        var folder = host.DataFolder;
        await host.DisposeAsync();
        var verify = await VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Directory.Delete(folder, recursive: true);
    }
}
