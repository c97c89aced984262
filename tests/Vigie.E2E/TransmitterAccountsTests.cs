using Microsoft.Playwright;
using Vigie.Alarms.Dc09;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.E2E;

public sealed class TransmitterAccountsTests
{
    [Fact]
    public async Task The_transmitter_list_says_in_words_which_dc09_deviations_were_tolerated_from_a_panel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Dc09Port = 0, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Bureau de poste");
        await host.CreatePersonAsync("admin", Role.Administrator);
        var registry = host.Service<TransmitterAccountRegistry>();
        await registry.SaveAsync("4B1D", site.Id.ToString(), null, null, "test", ct);
        await registry.SaveAsync("600D", site.Id.ToString(), null, null, "test", ct);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), ct);
        var now = Dc09Timestamp.Write(TimeProvider.System.GetUtcNow());

        // A panel that leaves out the line prefix, twice; another that follows the rules.
        for (var sequence = 1; sequence <= 2; sequence++)
        {
            Assert.Equal(Dc09Frame.Ack, (await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, sequence, null, null, "4B1D", "#4B1D|NRP]" + now), null, ct)).Type);
        }

        Assert.Equal(Dc09Frame.Ack, (await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "1", "600D", "#600D|NRP]" + now), null, ct)).Type);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);
        await page.GotoAsync("/transmetteurs");

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "4B1D" }).GetByText("Préfixe de ligne (L) absent × 2").WaitForAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "600D" }).Locator("td[data-deviations]").GetByText("Aucun", new() { Exact = true }).WaitForAsync();
    }

    [Fact]
    public async Task Administrator_declares_an_unknown_panel_from_its_signal_and_sees_its_link_come_up_live()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Dc09Port = 0, Time = TimeProvider.System });
        await host.CreateSiteAsync("Bureau de poste");
        await host.CreatePersonAsync("admin", Role.Administrator);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), ct);
        var port = intake.Dc09Port!.Value;
        Task<Dc09Frame> SendTestAsync(int sequence) =>
            Dc09TestClient.SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, sequence, null, "1", "7E57", "#7E57|NRP]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow())), null, ct);

        // A panel nobody declared reports: its signal is kept as "compte inconnu".
        Assert.Equal(Dc09Frame.Ack, (await SendTestAsync(1)).Type);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);
        await page.GotoAsync("/signaux");
        var unknown = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Compte inconnu" });
        await unknown.GetByRole(AriaRole.Link, new() { Name = "Déclarer ce compte" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/transmetteurs?compte=7E57", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Comptes transmetteurs" }).WaitForAsync();
        // The form shows the account of the signal before anything is typed into it.
        await ConsoleSession.WaitUntilReadyAsync(page, page.GetByLabel("Numéro de compte"));
        await Assertions.Expect(page.GetByLabel("Numéro de compte")).ToHaveValueAsync("7E57");
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Bureau de poste" });
        await page.GetByLabel("Intervalle de supervision").FillAsync("5");
        await page.GetByLabel("Clé AES", new() { Exact = true }).FillAsync("0011");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer le compte" }).ClickAsync();
        await page.GetByText("La clé AES doit faire 32, 48 ou 64 chiffres hexadécimaux").WaitForAsync();

        // Declared in clear this time: listed, supervised every 5 min, not heard since.
        await page.GetByLabel("Clé AES", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer le compte" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "7E57" });
        await row.GetByText("Bureau de poste").WaitForAsync();
        await row.GetByText("En clair").WaitForAsync();
        await row.GetByText("5 min 00 s").WaitForAsync();
        await row.GetByText("Aucun message reçu").WaitForAsync();

        // The panel reports again: the page shows its link up without a reload.
        Assert.Equal(Dc09Frame.Ack, (await SendTestAsync(2)).Type);
        await row.GetByText("Liaison OK").WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-transmitter-accounts.png"), FullPage = true });

        // Taken out of service from the list.
        await row.GetByRole(AriaRole.Button, new() { Name = "Désactiver" }).ClickAsync();
        await row.GetByText("Désactivé").WaitForAsync();
        Assert.Null(host.Service<AccountDirectory>().Find("7E57"));
    }

    [Fact]
    public async Task Administrator_moves_an_account_changes_its_supervision_and_sets_its_key_and_an_operator_only_reads_the_page()
    {
        const string key = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        var museum = await host.CreateSiteAsync("Musée");
        var annex = await host.CreateSiteAsync("Mairie annexe");
        await host.Service<TransmitterAccountRegistry>().CreateAsync(TestHost.SystemAdministrator, new TransmitterAccountInput("ABCD", museum.Id, null, null), TestContext.Current.CancellationToken);
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("op", Role.Operator, [annex]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);
        await page.GotoAsync("/transmetteurs");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ABCD" });
        await row.GetByText("Non supervisé").WaitForAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Modifier ABCD" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Modifier le compte ABCD" }).WaitForAsync();
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mairie annexe" });
        await page.GetByLabel("Intervalle de supervision").FillAsync("90");
        await page.GetByLabel("Unité de l'intervalle").SelectOptionAsync(new SelectOptionValue { Label = "secondes" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await row.GetByText("Mairie annexe").WaitForAsync();
        await row.GetByText("1 min 30 s").WaitForAsync();
        await row.GetByText("Aucun message reçu").WaitForAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Modifier ABCD" }).ClickAsync();
        await page.GetByText("Aucune clé : la centrale transmet en clair.").WaitForAsync();
        await page.GetByLabel("Nouvelle clé AES").FillAsync("0011");
        await page.GetByRole(AriaRole.Button, new() { Name = "Définir la clé" }).ClickAsync();
        await page.GetByText("La clé AES doit faire 32, 48 ou 64 chiffres hexadécimaux").WaitForAsync();
        Assert.Equal(string.Empty, await page.GetByLabel("Nouvelle clé AES").InputValueAsync());
        await page.GetByLabel("Nouvelle clé AES").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Définir la clé" }).ClickAsync();
        await row.GetByText("Chiffré (AES)").WaitForAsync();
        Assert.Equal(Convert.FromHexString(key), host.Service<AccountDirectory>().Find("ABCD")!.Key);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        // The operator of the annex sees the account and its state, and nothing to change it with.
        var operatorPage = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await operatorPage.GotoAsync("/transmetteurs");
        await operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "ABCD" }).GetByText("Chiffré (AES)").WaitForAsync();
        Assert.Equal(0, await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Modifier ABCD" }).CountAsync());
        Assert.Equal(0, await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Déclarer un compte" }).CountAsync());
        await operatorPage.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-transmitter-accounts-operator.png"), FullPage = true });
    }
}
