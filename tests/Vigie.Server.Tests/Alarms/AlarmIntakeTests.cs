using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Dc09;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Server.Alarms;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

public sealed class AlarmIntakeTests
{
    private static readonly byte[] Key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF0011223344556677");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestHost> StartAsync() => TestHost.StartAsync(configure: o => o with { Dc09Port = 0 });

    private static async Task<int> PortAsync(TestHost host)
    {
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        return intake.Dc09Port!.Value;
    }

    private static Task<Dc09Frame> SendAsync(int port, byte[] frame, byte[]? key = null) => Dc09TestClient.SendAsync(port, frame, key, Ct);

    [Fact]
    public async Task A_declared_encrypted_account_is_received_stored_with_its_site_and_acknowledged()
    {
        await using var host = await StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("5A5A", "Entrepôt", Convert.ToHexString(Key), TimeSpan.FromMinutes(15), "test", Ct);
        await host.Service<AccountDirectory>().ReloadAsync(Ct);
        var port = await PortAsync(host);

        var frame = Dc09FrameWriter.Write(Dc09Frame.ContactId, 12, "1", "2", "5A5A", "#5A5A|1130 01 007]" + Dc09Timestamp.Write(host.Time.GetUtcNow()), Key);
        var ack = await SendAsync(port, frame, Key);

        Assert.Equal((Dc09Frame.Ack, true, 12), (ack.Type, ack.Encrypted, ack.Sequence));
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var signal = await db.AlarmSignals.SingleAsync(Ct);
        Assert.Equal((site.Id, "E130", AlarmCategory.Intrusion, "007", 2, false), (signal.SiteId!.Value.Value, signal.Code, signal.Category, signal.Zone, signal.Priority, signal.UnknownAccount));
        // The key is stored protected, never in clear, and the declaration is in the audit journal.
        var account = await db.TransmitterAccounts.SingleAsync(Ct);
        Assert.DoesNotContain(Convert.ToHexString(Key), account.ProtectedKey!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await db.LogbookEntries.Where(e => e.Journal == Journal.Audit).Select(e => e.Text).ToListAsync(Ct), t => t.StartsWith("Compte transmetteur 5A5A", StringComparison.Ordinal) && t.Contains("AES-192", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Per_source_rates_of_dc09_are_on_metrics_by_account_and_by_sending_address()
    {
        await using var host = await StartAsync();
        var port = await PortAsync(host);
        await SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "778", "#778|NBA3]"));

        using var client = await host.ClientAsync();
        var text = await client.GetStringAsync("/metrics", Ct);

        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("vigie_dc09_received_total{", StringComparison.Ordinal) && l.Contains("remote=\"127.0.0.1\"", StringComparison.Ordinal) && l.Contains("transport=\"tcp\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("vigie_alarms_signals_total{", StringComparison.Ordinal) && l.Contains("account=\"778\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_stored_signal()
    {
        await using var host = await StartAsync();
        var port = await PortAsync(host);
        await SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "777", "#777|NBA3]"));
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.True((await db.AlarmSignals.SingleAsync(Ct)).UnknownAccount);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE alarm_signals SET code = 'XX'", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM alarm_signals", Ct));
    }

    [Fact]
    public async Task A_silent_panel_raises_a_transmission_fault_at_the_right_time_and_its_return_restores_it()
    {
        await using var host = await StartAsync();
        var site = await host.CreateSiteAsync("Agence");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("C0FFEE", site.Id.ToString(), null, TimeSpan.FromSeconds(120), "test", Ct);
        var supervisor = host.Service<TransmissionSupervisor>();
        var directory = host.Service<AccountDirectory>();
        await directory.ReloadAsync(Ct);
        directory.Seen("C0FFEE", host.Time.GetUtcNow());

        // 120 s interval + 30 s grace: nothing at 150 s, a fault just after.
        host.Time.Advance(TimeSpan.FromSeconds(150));
        Assert.Empty(await supervisor.CheckAsync(Ct));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["C0FFEE"], await supervisor.CheckAsync(Ct));
        Assert.Empty(await supervisor.CheckAsync(Ct)); // raised once

        host.Time.Advance(TimeSpan.FromSeconds(30));
        directory.Seen("C0FFEE", host.Time.GetUtcNow());
        Assert.Equal(["C0FFEE"], await supervisor.CheckAsync(Ct));

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var signals = await db.AlarmSignals.OrderBy(s => s.Id).ToListAsync(Ct);
        Assert.Equal([("YC", false), ("YK", true)], signals.Select(s => (s.Code, s.IsRestore)));
        Assert.All(signals, s => Assert.Equal((site.Id, AlarmCategory.TechnicalFault, TransmissionSupervisor.Source), (s.SiteId!.Value.Value, s.Category, s.Source)));
        var entries = await host.Service<Features.Logbook.LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante, new LogbookFilter(Category: LogbookCategory.Technical), Ct);
        Assert.Contains(entries, e => e.Text.StartsWith("Défaut de transmission — compte C0FFEE", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.StartsWith("Transmission rétablie — compte C0FFEE", StringComparison.Ordinal));
        Assert.False((await db.TransmitterAccounts.SingleAsync(Ct)).TransmissionFault);
    }

    [Theory]
    [InlineData("12", "Entrepôt", null, "3 to 16 hexadecimal digits")]
    [InlineData("1234", "Entrepôt", "0011", "32, 48 or 64 hexadecimal digits")]
    [InlineData("1234", "Entrepôt", "zz112233445566778899AABBCCDDEEFF", "32, 48 or 64 hexadecimal digits")]
    public async Task Bad_account_declarations_are_refused_with_a_clear_message(string account, string site, string? key, string message)
    {
        await using var host = await StartAsync();
        await host.CreateSiteAsync("Entrepôt");
        var error = await Assert.ThrowsAsync<Domain.DomainException>(() => host.Service<TransmitterAccountRegistry>().SaveAsync(account, site, key, null, "test", Ct));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Domain.NotFoundException>(() => host.Service<TransmitterAccountRegistry>().SaveAsync("1234", "Nulle part", null, null, "test", Ct));
    }

    [Fact]
    public async Task Signals_and_transmitters_are_scoped_to_the_persons_sites_and_unknown_accounts_shown_to_all()
    {
        await using var host = await StartAsync();
        var mine = await host.CreateSiteAsync("Mon site");
        var other = await host.CreateSiteAsync("Autre site");
        var registry = host.Service<TransmitterAccountRegistry>();
        await registry.SaveAsync("AAA1", "Mon site", null, TimeSpan.FromSeconds(60), "test", Ct);
        await registry.SaveAsync("BBB1", "Autre site", null, null, "test", Ct);
        await host.Service<AccountDirectory>().ReloadAsync(Ct);
        var port = await PortAsync(host);
        var now = Dc09Timestamp.Write(host.Time.GetUtcNow());
        await SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "AAA1", "#AAA1|NBA1]" + now));
        await SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "BBB1", "#BBB1|NFA2]" + now));
        await SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "CCC1", "#CCC1|NPA3]" + now));
        await host.CreatePersonAsync("op", Domain.People.Role.Operator, [mine]);
        using var op = await host.ClientAsync("op");

        var signals = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<SignalView>>(op, "/api/signals", Ct) ?? [];
        Assert.Equal(["CCC1", "AAA1"], signals.Select(s => s.Account));
        Assert.Equal("Mon site", signals[1].SiteName);
        Assert.True(signals[0].UnknownAccount);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"/api/signals?siteId={other.Id}", Ct)).StatusCode);
        var transmitters = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<TransmitterView>>(op, "/api/transmitters", Ct) ?? [];
        var transmitter = Assert.Single(transmitters);
        Assert.Equal(("AAA1", "ok", false), (transmitter.Account, transmitter.State, transmitter.Encrypted));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/signals", Ct)).StatusCode);
    }
}
