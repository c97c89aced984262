using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Transmitter accounts administered from the console and the API: the rules, who may, and what the audit journal keeps.</summary>
public sealed class TransmitterAccountAdministrationTests
{
    private const string Key128 = "000102030405060708090A0B0C0D0E0F";
    private const string Key256 = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Actor Admin => TestHost.SystemAdministrator;

    [Fact]
    public async Task An_administrator_declares_an_encrypted_account_that_the_receiver_knows_at_once_and_the_key_is_never_shown_nor_audited()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Pharmacie du Port");
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync("admin");

        var response = await client.PostAsJsonAsync("/api/transmitters", new TransmitterAccountInput("4a2b", site.Id, TimeSpan.FromSeconds(90), Key128.ToLowerInvariant()), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(Key128, body, StringComparison.OrdinalIgnoreCase);
        var created = await response.Content.ReadFromJsonAsync<TransmitterView>(Ct);
        Assert.Equal(("4A2B", site.Id, "Pharmacie du Port", true, 90d, "never", true),
            (created!.Account, created.SiteId, created.SiteName, created.Encrypted, created.SupervisionSeconds, created.State, created.Enabled));
        // No manual reload: the receiver's directory already has the account and its key.
        Assert.Equal(Convert.FromHexString(Key128), host.Service<AccountDirectory>().Find("4A2B")!.Key);

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var row = await db.TransmitterAccounts.SingleAsync(Ct);
        Assert.DoesNotContain(Key128, row.ProtectedKey!, StringComparison.OrdinalIgnoreCase);
        var audit = await db.LogbookEntries.Where(e => e.Journal == Journal.Audit && e.Category == AuditCategory.TransmitterChanged).SingleAsync(Ct);
        Assert.Equal(("admin", "Compte transmetteur 4A2B → site « Pharmacie du Port » (AES-128, supervision 90 s).", "transmitter:4A2B", site.Id),
            (audit.AuthorName, audit.Text, audit.References, audit.SiteId));
        Assert.DoesNotContain(await db.LogbookEntries.Select(e => e.Text + e.References).ToListAsync(Ct), t => t.Contains(Key128, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("12", Key128, "account.invalid", "Account")]
    [InlineData("12G4", null, "account.invalid", "Account")]
    [InlineData("4242", "00112233", "account.key_invalid", "AesKey")]
    [InlineData("4242", "zz0102030405060708090A0B0C0D0E0F", "account.key_invalid", "AesKey")]
    [InlineData("4242", Key128 + "00", "account.key_invalid", "AesKey")]
    public async Task A_bad_account_number_or_key_is_refused_with_the_field_at_fault(string account, string? key, string code, string field)
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");

        var error = await Assert.ThrowsAsync<DomainException>(() => host.Service<TransmitterAccountRegistry>().CreateAsync(Admin, new TransmitterAccountInput(account, site.Id, null, key), Ct));

        Assert.Equal((code, field), (error.Code, error.Field));
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Empty(await db.TransmitterAccounts.ToListAsync(Ct));
        Assert.Empty(await db.LogbookEntries.Where(e => e.Category == AuditCategory.TransmitterChanged).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_unknown_site_a_duplicate_account_and_a_supervision_out_of_range_are_refused()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var registry = host.Service<TransmitterAccountRegistry>();
        await registry.CreateAsync(Admin, new TransmitterAccountInput("4242", site.Id, null, null), Ct);

        var unknownSite = await Assert.ThrowsAsync<DomainException>(() => registry.CreateAsync(Admin, new TransmitterAccountInput("4243", Guid.NewGuid(), null, null), Ct));
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => registry.CreateAsync(Admin, new TransmitterAccountInput(" 4242 ", site.Id, null, Key128), Ct));
        var tooShort = await Assert.ThrowsAsync<DomainException>(() => registry.CreateAsync(Admin, new TransmitterAccountInput("4244", site.Id, TimeSpan.FromSeconds(5), null), Ct));
        var tooLongOnChange = await Assert.ThrowsAsync<DomainException>(() => registry.UpdateAsync(Admin, "4242", new TransmitterAccountChange(site.Id, TimeSpan.FromDays(8)), Ct));
        var movedNowhere = await Assert.ThrowsAsync<DomainException>(() => registry.UpdateAsync(Admin, "4242", new TransmitterAccountChange(Guid.NewGuid(), null), Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => registry.SetEnabledAsync(Admin, "9999", false, Ct));

        Assert.Equal(("site.unknown", "SiteId"), (unknownSite.Code, unknownSite.Field));
        Assert.Equal(("account.taken", "Account"), (duplicate.Code, duplicate.Field));
        Assert.Equal(("account.supervision_range", "SupervisionInterval"), (tooShort.Code, tooShort.Field));
        Assert.Equal("account.supervision_range", tooLongOnChange.Code);
        Assert.Equal("site.unknown", movedNowhere.Code);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var account = await db.TransmitterAccounts.SingleAsync(Ct);
        Assert.Equal((site.Id, null, null), (account.SiteId.Value, account.ProtectedKey, account.SupervisionInterval));
    }

    [Fact]
    public async Task Operators_supervisors_and_auditors_see_accounts_but_cannot_change_them_through_the_api_or_the_service()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Agence");
        var registry = host.Service<TransmitterAccountRegistry>();
        await registry.CreateAsync(Admin, new TransmitterAccountInput("A1A1", site.Id, TimeSpan.FromMinutes(5), null), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("dpo", Role.Auditor);

        foreach (var user in new[] { "op", "chef", "dpo" })
        {
            using var client = await host.ClientAsync(user);
            Assert.Equal("A1A1", Assert.Single((await client.GetFromJsonAsync<List<TransmitterView>>("/api/transmitters", Ct))!).Account);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/transmitters", new TransmitterAccountInput("B2B2", site.Id, null, null), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/transmitters/A1A1", new TransmitterAccountChange(site.Id, null), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/transmitters/A1A1/key", new TransmitterKeyInput(Key128), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/transmitters/A1A1/disable", null, Ct)).StatusCode);
        }

        // The console's page calls the registry directly: it refuses the operator's actor whatever the page shows.
        var operatorActor = new Actor(new PersonId(Guid.NewGuid()), "op", "OP", Role.Operator, new HashSet<SiteId> { new(site.Id) });
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.CreateAsync(operatorActor, new TransmitterAccountInput("B2B2", site.Id, null, null), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.UpdateAsync(operatorActor, "A1A1", new TransmitterAccountChange(site.Id, null), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.SetKeyAsync(operatorActor, "A1A1", Key128, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.SetEnabledAsync(operatorActor, "A1A1", false, Ct));

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var account = await db.TransmitterAccounts.SingleAsync(Ct);
        Assert.Equal((TimeSpan.FromMinutes(5), null, false), (account.SupervisionInterval, account.ProtectedKey, account.Disabled));
        Assert.Single(await db.LogbookEntries.Where(e => e.Category == AuditCategory.TransmitterChanged).ToListAsync(Ct));
    }

    [Fact]
    public async Task Changing_site_supervision_and_key_is_audited_step_by_step_without_key_material()
    {
        await using var host = await TestHost.StartAsync();
        var before = await host.CreateSiteAsync("Ancien site");
        var after = await host.CreateSiteAsync("Nouveau site");
        var registry = host.Service<TransmitterAccountRegistry>();
        var directory = host.Service<AccountDirectory>();
        await registry.CreateAsync(Admin, new TransmitterAccountInput("C0C0", before.Id, null, null), Ct);

        var moved = await registry.UpdateAsync(Admin, "c0c0", new TransmitterAccountChange(after.Id, TimeSpan.FromMinutes(15)), Ct);
        await registry.SetKeyAsync(Admin, "C0C0", Key128, Ct);
        Assert.Equal(Convert.FromHexString(Key128), directory.Find("C0C0")!.Key);
        await registry.SetKeyAsync(Admin, "C0C0", Key256, Ct);
        Assert.Equal(Convert.FromHexString(Key256), directory.Find("C0C0")!.Key);
        var clear = await registry.SetKeyAsync(Admin, "C0C0", null, Ct);

        Assert.Equal((after.Id, "Nouveau site", 900d, "never"), (moved.SiteId, moved.SiteName, moved.SupervisionSeconds, moved.State));
        Assert.False(clear.Encrypted);
        Assert.Null(directory.Find("C0C0")!.Key);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var texts = await db.LogbookEntries.Where(e => e.Category == AuditCategory.TransmitterChanged).OrderBy(e => e.Id).Select(e => e.Text).ToListAsync(Ct);
        Assert.Equal(
        [
            "Compte transmetteur C0C0 → site « Ancien site » (en clair, sans supervision).",
            "Compte transmetteur C0C0 modifié : site « Ancien site » → « Nouveau site », sans supervision → supervision 900 s.",
            "Compte transmetteur C0C0 : clé AES-128 définie.",
            "Compte transmetteur C0C0 : clé AES-256 remplacée.",
            "Compte transmetteur C0C0 : clé AES retirée (transmission en clair).",
        ], texts);
        Assert.All(await db.LogbookEntries.Select(e => e.Text).ToListAsync(Ct), t =>
        {
            Assert.DoesNotContain(Key128, t, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Key256, t, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfBadKeyAsync(host));
    }

    [Fact]
    public async Task A_disabled_account_is_unknown_to_the_receiver_and_unsupervised_and_coming_back_does_not_raise_a_stale_fault()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Dépôt");
        var registry = host.Service<TransmitterAccountRegistry>();
        var directory = host.Service<AccountDirectory>();
        var supervisor = host.Service<TransmissionSupervisor>();
        await registry.CreateAsync(Admin, new TransmitterAccountInput("D15A", site.Id, TimeSpan.FromSeconds(60), null), Ct);
        directory.Seen("D15A", host.Time.GetUtcNow());

        var disabled = await registry.SetEnabledAsync(Admin, "D15A", false, Ct);
        Assert.Equal(("disabled", false), (disabled.State, disabled.Enabled));
        Assert.Null(directory.Find("D15A"));

        // Ten minutes out of service, far past 60 s + grace: no fault for a disabled account.
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await supervisor.CheckAsync(Ct);
        var enabled = await registry.SetEnabledAsync(Admin, "D15A", true, Ct);
        Assert.NotNull(directory.Find("D15A"));
        Assert.Empty(await supervisor.CheckAsync(Ct));
        Assert.Equal("ok", enabled.State);
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            Assert.Empty(await db.AlarmSignals.ToListAsync(Ct));
        }

        // Silence counts again from the moment it came back.
        host.Time.Advance(TimeSpan.FromSeconds(76));
        await supervisor.CheckAsync(Ct);
        var view = Assert.Single(await host.Service<SignalQueries>().TransmittersAsync(Admin, Ct));
        Assert.Equal("fault", view.State);

        await using var check = host.Service<VigieDbFactory>().CreateDbContext();
        var texts = await check.LogbookEntries.Where(e => e.Category == AuditCategory.TransmitterChanged).OrderBy(e => e.Id).Select(e => e.Text).ToListAsync(Ct);
        Assert.Equal("Compte transmetteur D15A désactivé : ses signaux arrivent comme « compte inconnu » et sa liaison n'est plus supervisée.", texts[1]);
        Assert.Equal("Compte transmetteur D15A réactivé.", texts[2]);
    }

    [Fact]
    public async Task The_command_line_declaration_and_the_console_share_the_same_rules()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var registry = host.Service<TransmitterAccountRegistry>();

        var declared = await registry.SaveAsync("e1e1", "Entrepôt", Key128, TimeSpan.FromSeconds(90), "vigie accounts add (root)", Ct);
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => registry.CreateAsync(Admin, new TransmitterAccountInput("E1E1", site.Id, null, null), Ct));
        var shortInterval = await Assert.ThrowsAsync<DomainException>(() => registry.SaveAsync("E1E1", "Entrepôt", null, TimeSpan.FromSeconds(3), "vigie accounts add (root)", Ct));

        Assert.Equal("E1E1", declared.Account);
        Assert.Equal("account.taken", duplicate.Code);
        Assert.Equal("account.supervision_range", shortInterval.Code);
        Assert.Equal(Convert.FromHexString(Key128), host.Service<AccountDirectory>().Find("E1E1")!.Key);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Equal("vigie accounts add (root)", (await db.LogbookEntries.SingleAsync(e => e.Category == AuditCategory.TransmitterChanged, Ct)).AuthorName);
    }

    private static async Task<HttpStatusCode> StatusOfBadKeyAsync(TestHost host)
    {
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var client = await host.ClientAsync("admin");
        return (await client.PutAsJsonAsync("/api/transmitters/C0C0/key", new TransmitterKeyInput("0011"), Ct)).StatusCode;
    }
}
