using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Alarms;
using Vigie.Server.Alarms;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>The MQTT intake against a real broker (Debian's mosquitto, started by the test on a free loopback port).</summary>
public sealed class MqttIntakeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestHost Host, MosquittoBroker Broker, MqttSourceClientProbe Probe)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var broker = await MosquittoBroker.StartAsync(Ct);
        var host = await TestHost.StartAsync(configure: o => o with { Settings = settings ?? [] });
        await host.CreateSiteAsync("Agence Lyon");
        var passwordless = await host.Service<IntakeSourceRegistry>().AddMqttAsync("gtb-lyon", ["Agence Lyon"], broker.Url, "alarms/lyon/#", MosquittoBroker.UserName, MosquittoBroker.Password, "test", Ct);
        Assert.True(passwordless.HasPassword);
        var service = host.Service<MqttIntakeService>();
        await service.RefreshAsync(Ct);
        var probe = new MqttSourceClientProbe(service, "gtb-lyon");
        await probe.WaitConnectionsAsync(1, broker);
        return (host, broker, probe);
    }

    private static async Task<AlarmSignal> WaitForSignalAsync(TestHost host, string eventId, MosquittoBroker broker)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
            {
                var found = await db.AlarmSignals.AsNoTracking().SingleOrDefaultAsync(s => s.MessageKey == eventId, Ct);
                if (found is not null)
                {
                    return found;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"no signal {eventId} after {Patience.TotalSeconds} s; broker log:\n{broker.Log}");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task A_published_message_is_stored_with_its_site_zone_category_priority_and_topic()
    {
        var (host, broker, _) = await StartAsync(new() { ["Alarms:Priorities:tamper"] = "2" });
        await using var _h = host;
        await using var _b = broker;
        var payload = """{"event_id":"lyon-77","category":"tamper","zone":"Z12","text":"Capot ouvert — baie 4"}""";

        await broker.PublishAsync("alarms/lyon/baie4", payload, Ct);

        var signal = await WaitForSignalAsync(host, "lyon-77", broker);
        var site = (await host.Service<Features.Sites.SiteService>().ListSitesAsync(TestHost.SystemAdministrator, Ct)).Single();
        Assert.Equal(("mqtt:gtb-lyon", site.Id, AlarmCategory.Tamper, 2, "Z12", "Capot ouvert — baie 4"), (signal.Source, signal.SiteId!.Value.Value, signal.Category, signal.Priority, signal.Zone, signal.French));
        Assert.Equal(("topic=alarms/lyon/baie4", payload, $"127.0.0.1:{broker.Port}"), (signal.ExtendedData, signal.Raw, signal.Remote));
    }

    [Fact]
    public async Task After_a_broker_restart_the_client_reconnects_and_later_messages_arrive()
    {
        var (host, broker, probe) = await StartAsync();
        await using var _h = host;
        await using var _b = broker;
        await broker.PublishAsync("alarms/lyon/a", """{"event_id":"before","category":"intrusion"}""", Ct);
        await WaitForSignalAsync(host, "before", broker);

        await broker.StopAsync(Ct);
        await broker.StartAgainAsync(Ct);
        await probe.WaitConnectionsAsync(2, broker);
        await broker.PublishAsync("alarms/lyon/a", """{"event_id":"after","category":"intrusion"}""", Ct);

        var after = await WaitForSignalAsync(host, "after", broker);
        Assert.Equal((AlarmCategory.Intrusion, 2), (after.Category, after.Priority));
    }

    [Fact]
    public async Task A_malformed_message_is_counted_and_not_stored_and_the_next_ones_arrive_while_duplicates_are_stored_once()
    {
        var (host, broker, _) = await StartAsync();
        await using var _h = host;
        await using var _b = broker;
        using var client = await host.ClientAsync();

        await broker.PublishAsync("alarms/lyon/x", "this is not json", Ct);
        await broker.PublishAsync("alarms/lyon/x", """{"event_id":"no-category"}""", Ct);
        await broker.PublishAsync("alarms/lyon/x", """{"event_id":"ok-1","code":"E130","zone":"3"}""", Ct);
        await broker.PublishAsync("alarms/lyon/x", """{"event_id":"ok-1","code":"E130","zone":"3"}""", Ct);
        await broker.PublishAsync("alarms/lyon/x", """{"event_id":"ok-2","category":"fire"}""", Ct);

        await WaitForSignalAsync(host, "ok-2", broker);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Equal(["ok-1", "ok-2"], await db.AlarmSignals.OrderBy(s => s.Id).Select(s => s.MessageKey).ToListAsync(Ct));
        Assert.Equal(2, await IntakeMetricsReader.CountAsync(client, "mqtt:gtb-lyon", "rejected", Ct));
        Assert.Equal(2, await IntakeMetricsReader.CountAsync(client, "mqtt:gtb-lyon", "accepted", Ct));
        Assert.Equal(1, await IntakeMetricsReader.CountAsync(client, "mqtt:gtb-lyon", "duplicate", Ct));
    }

    [Fact]
    public async Task A_message_the_database_refuses_is_not_acknowledged_and_the_broker_delivers_it_again_until_it_is_stored()
    {
        var (host, broker, probe) = await StartAsync();
        await using var _h = host;
        await using var _b = broker;
        using var client = await host.ClientAsync();
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER test_refuse BEFORE INSERT ON alarm_signals WHEN NEW.MessageKey = 'retry-1' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;", Ct);
        }

        await broker.PublishAsync("alarms/lyon/r", """{"event_id":"retry-1","category":"panic"}""", Ct);
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (await IntakeMetricsReader.CountAsync(client, "mqtt:gtb-lyon", "failed", Ct) == 0)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the refused message was never tried");
            await Task.Delay(50, Ct);
        }

        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_refuse;", Ct);
        }

        // No PUBACK was sent: after the reconnection the broker delivers it again, and now it is stored.
        var signal = await WaitForSignalAsync(host, "retry-1", broker);
        Assert.Equal((AlarmCategory.Panic, 1), (signal.Category, signal.Priority));
        Assert.True(probe.Connections >= 2, "the client should have reconnected to get the message again");
    }

    [Fact]
    public async Task A_disabled_source_is_unsubscribed_and_the_password_is_stored_encrypted()
    {
        var (host, broker, probe) = await StartAsync();
        await using var _h = host;
        await using var _b = broker;

        await host.Service<IntakeSourceRegistry>().EnableAsync("gtb-lyon", false, "test", Ct);
        await host.Service<MqttIntakeService>().RefreshAsync(Ct);

        Assert.Null(host.Service<MqttIntakeService>().Client("gtb-lyon"));
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var source = await db.IntakeSources.SingleAsync(Ct);
        Assert.DoesNotContain(MosquittoBroker.Password, source.ProtectedPassword!, StringComparison.Ordinal);
        Assert.False(probe.Connected);
    }
}
