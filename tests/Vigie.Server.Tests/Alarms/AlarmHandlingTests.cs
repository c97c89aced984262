using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Dc09;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Alarms;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Alarms opened from signals and handled through the API: the lock, the acts, the refusals, the main courante.</summary>
public sealed class AlarmHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dc09_intrusion_opens_an_alarm_repeats_fold_into_it_a_restore_marks_it_and_a_test_opens_none()
    {
        await using var host = await TestHost.StartAsync(configure: o => o with { Dc09Port = 0 });
        var site = await host.CreateSiteAsync("Entrepôt");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("5A5A", "Entrepôt", null, TimeSpan.FromMinutes(15), "test", Ct);
        await host.Service<AccountDirectory>().ReloadAsync(Ct);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var port = intake.Dc09Port!.Value;
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        using var ana = await host.ClientAsync("ana");

        await Dc09TestClient.SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "5A5A", "#5A5A|Nri1/BA003]"), null, Ct);
        await Dc09TestClient.SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 2, null, "0", "5A5A", "#5A5A|Nri1/BA003]"), null, Ct);
        await Dc09TestClient.SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 3, null, "0", "5A5A", "#5A5A|Nri1/BR003]"), null, Ct);
        await Dc09TestClient.SendAsync(port, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 4, null, "0", "5A5A", "#5A5A|Nri0/RP000]"), null, Ct);

        var alarm = await WaitForAsync(ana, "/api/alarms?state=open", list => list.Count == 1 && list[0].SignalCount == 3 && list[0].Restored);
        Assert.Equal((site.Id, "intrusion", 2, "new", "003", (string?)null), (alarm[0].SiteId, alarm[0].Category, alarm[0].Priority, alarm[0].State, alarm[0].Zone, alarm[0].HeldByName));
        var texts = await MainCouranteAsync(host);
        Assert.Contains(texts, t => t.StartsWith($"Alarme #{alarm[0].Id} ouverte", StringComparison.Ordinal) && t.Contains("zone 003", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("rétablissement reçu", StringComparison.Ordinal));
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Equal(3, await db.AlarmSignalLinks.CountAsync(l => l.AlarmId == alarm[0].Id, Ct));
        Assert.Equal(4, await db.AlarmSignals.CountAsync(Ct));
    }

    [Fact]
    public async Task Signals_committed_while_the_opener_was_not_running_open_their_alarms_once_on_catch_up()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        // Straight to the table, as a crash between the intake's commit and the opener would leave them.
        await AlarmSignalInserter.InsertAsync(host.Service<VigieDbFactory>(), [Intrusion(host, site, "001"), Intrusion(host, site, "002"), Intrusion(host, site, "001")], Ct);

        var opener = host.Service<AlarmOpener>();
        await opener.CatchUpAsync(Ct);
        await opener.CatchUpAsync(Ct);

        var alarms = await host.Service<AlarmService>().ListAsync(TestHost.SystemAdministrator, open: true, null, null, Ct);
        Assert.Equal([("001", 2), ("002", 1)], alarms.Select(a => (a.Zone!, a.SignalCount)).OrderBy(a => a.Item1));
    }

    [Fact]
    public async Task Of_twenty_people_taking_one_alarm_at_once_exactly_one_wins_and_the_others_are_told_who()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var id = await OpenAsync(host, site);
        var takers = Enumerable.Range(0, 20)
            .Select(i => new Actor(new PersonId(Guid.CreateVersion7()), $"op{i}", $"Opérateur {i}", Role.Operator, new HashSet<SiteId> { new(site.Id) }))
            .ToList();
        var service = host.Service<AlarmService>();

        using var start = new Barrier(20);
        var outcomes = await Task.WhenAll(takers.Select(actor => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            try
            {
                await service.TakeAsync(actor, id, Ct);
                return (Won: true, Refusal: (DomainException?)null);
            }
            catch (DomainException refused)
            {
                return (Won: false, Refusal: refused);
            }
        }, Ct)));

        Assert.Single(outcomes, o => o.Won);
        var holder = (await service.GetAsync(TestHost.SystemAdministrator, id, Ct)).HeldByName!;
        Assert.All(outcomes.Where(o => !o.Won), o => Assert.Equal(("alarm.held", true), (o.Refusal!.Code, o.Refusal.Message.Contains(holder, StringComparison.Ordinal))));
        Assert.Single(await MainCouranteAsync(host), t => t.Contains("prise en charge par", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Through_the_api_an_operator_takes_parks_takes_again_and_closes_and_each_step_is_in_the_main_courante_in_order()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var id = await OpenAsync(host, site);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        await host.CreatePersonAsync("bob", Role.Operator, [site]);
        using var ana = await host.ClientAsync("ana");
        using var bob = await host.ClientAsync("bob");

        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsync($"/api/alarms/{id}/take", null, Ct)).StatusCode);
        await Refusals.AssertAsync(await bob.PostAsync($"/api/alarms/{id}/take", null, Ct), HttpStatusCode.Conflict, "alarm.held", "ANA");
        await Refusals.AssertAsync(await bob.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "doubt_lifted", summary = "RAS" }, Ct), HttpStatusCode.Conflict, "alarm.held");
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/park", new { reason = "" }, Ct), HttpStatusCode.BadRequest, "alarm.park_reason_required");
        var parked = await Ok(await ana.PostAsJsonAsync($"/api/alarms/{id}/park", new { reason = "Attente rappel du client", remindAt = host.Time.GetUtcNow().AddMinutes(10) }, Ct));
        Assert.Equal(("parked", (string?)null, "Attente rappel du client"), (parked.State, parked.HeldByName, parked.ParkReason));
        var taken = await Ok(await bob.PostAsync($"/api/alarms/{id}/take", null, Ct));
        Assert.Equal(("held", "BOB"), (taken.State, taken.HeldByName));
        await Refusals.AssertAsync(await bob.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "false_alarm", summary = "Chat" }, Ct), HttpStatusCode.BadRequest, "alarm.cause_required");
        await Refusals.AssertAsync(await bob.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "peut-être", summary = "?" }, Ct), HttpStatusCode.BadRequest, "alarm.verdict_invalid");
        await Refusals.AssertAsync(await bob.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "doubt_lifted", summary = " " }, Ct), HttpStatusCode.BadRequest, "alarm.summary_required");
        var closed = await Ok(await bob.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "false_alarm", cause = "animal", summary = "Un chat sur la caméra 2." }, Ct));
        Assert.Equal(("closed", "false_alarm", "animal"), (closed.State, closed.Verdict, closed.Cause));
        await Refusals.AssertAsync(await bob.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "doubt_lifted", summary = "Encore" }, Ct), HttpStatusCode.Conflict, "alarm.closed");
        await Refusals.AssertAsync(await ana.PostAsync($"/api/alarms/{id}/take", null, Ct), HttpStatusCode.Conflict, "alarm.closed");

        Assert.Empty(await ana.GetFromJsonAsync<List<AlarmDto>>("/api/alarms?state=open", ApiJson.Options, Ct) ?? []);
        Assert.Equal([id], (await ana.GetFromJsonAsync<List<AlarmDto>>("/api/alarms?state=closed", ApiJson.Options, Ct))!.Select(a => a.Id));
        var steps = (await MainCouranteAsync(host)).Where(t => t.StartsWith($"Alarme #{id}", StringComparison.Ordinal)).ToList();
        Assert.Collection(steps,
            t => Assert.Contains("ouverte", t, StringComparison.Ordinal),
            t => Assert.Contains("prise en charge par ANA", t, StringComparison.Ordinal),
            t => Assert.Contains("mise en attente par ANA : Attente rappel du client", t, StringComparison.Ordinal),
            t => Assert.Contains("prise en charge par BOB", t, StringComparison.Ordinal),
            t => Assert.Contains("clôturée par BOB : fausse alarme (animal). Un chat sur la caméra 2.", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_sites_operator_gets_403_an_auditor_reads_but_may_not_act_and_unknown_ids_are_404()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var other = await host.CreateSiteAsync("Mairie");
        var id = await OpenAsync(host, site);
        await host.CreatePersonAsync("eve", Role.Operator, [other]);
        await host.CreatePersonAsync("audrey", Role.Auditor);
        using var eve = await host.ClientAsync("eve");
        using var audrey = await host.ClientAsync("audrey");

        Assert.Equal(HttpStatusCode.Forbidden, (await eve.PostAsync($"/api/alarms/{id}/take", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/api/alarms/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/api/alarms?siteId={site.Id}", Ct)).StatusCode);
        Assert.Empty(await eve.GetFromJsonAsync<List<AlarmDto>>("/api/alarms", ApiJson.Options, Ct) ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.PostAsync("/api/alarms/999999/take", null, Ct)).StatusCode);
        Assert.Single(await audrey.GetFromJsonAsync<List<AlarmDto>>("/api/alarms", ApiJson.Options, Ct) ?? []);
        Assert.Equal(HttpStatusCode.Forbidden, (await audrey.PostAsync($"/api/alarms/{id}/take", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await audrey.GetAsync("/api/alarms?state=maybe", Ct)).StatusCode);
        Assert.Equal("new", (await host.Service<AlarmService>().GetAsync(TestHost.SystemAdministrator, id, Ct)).State);
    }

    [Fact]
    public async Task The_holder_transfers_to_a_colleague_of_the_site_only_and_a_supervisor_reassigns_and_overrides_the_priority_with_a_reason()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var other = await host.CreateSiteAsync("Mairie");
        var id = await OpenAsync(host, site);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        var bob = await host.CreatePersonAsync("bob", Role.Operator, [site]);
        var eve = await host.CreatePersonAsync("eve", Role.Operator, [other]);
        var sam = await host.CreatePersonAsync("sam", Role.Supervisor, [site]);
        using var ana = await host.ClientAsync("ana");
        using var samClient = await host.ClientAsync("sam");
        await ana.PostAsync($"/api/alarms/{id}/take", null, Ct);

        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/transfer", new { personId = eve.Id }, Ct), HttpStatusCode.BadRequest, "alarm.colleague_cannot_handle");
        Assert.Equal("BOB", (await Ok(await ana.PostAsJsonAsync($"/api/alarms/{id}/transfer", new { personId = bob.Id }, Ct))).HeldByName);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsJsonAsync($"/api/alarms/{id}/reassign", new { personId = sam.Id }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsJsonAsync($"/api/alarms/{id}/priority", new { priority = 1, reason = "x" }, Ct)).StatusCode);
        Assert.Equal("SAM", (await Ok(await samClient.PostAsJsonAsync($"/api/alarms/{id}/reassign", new { personId = sam.Id }, Ct))).HeldByName);
        await Refusals.AssertAsync(await samClient.PostAsJsonAsync($"/api/alarms/{id}/priority", new { priority = 1, reason = "" }, Ct), HttpStatusCode.BadRequest, "alarm.priority_reason_required");
        await Refusals.AssertAsync(await samClient.PostAsJsonAsync($"/api/alarms/{id}/priority", new { priority = 0, reason = "x" }, Ct), HttpStatusCode.BadRequest, "alarm.priority_invalid");
        var raised = await Ok(await samClient.PostAsJsonAsync($"/api/alarms/{id}/priority", new { priority = 1, reason = "Client VIP" }, Ct));
        Assert.Equal((1, "Client VIP"), (raised.Priority, raised.PriorityReason));

        var texts = await MainCouranteAsync(host);
        Assert.Contains(texts, t => t.Contains("transférée par ANA à BOB", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("réattribuée de BOB à SAM par SAM", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("priorité 2 → 1 par SAM (Client VIP)", StringComparison.Ordinal));
    }

    internal static AlarmSignal Intrusion(TestHost host, SiteDto site, string zone, int priority = 2) =>
        new("dc09", host.Time.GetUtcNow(), new SiteId(site.Id), "5A5A", "BA", AlarmCategory.Intrusion, false, priority, "Alarme intrusion", "Burglary alarm", "raw") { Zone = zone };

    /// <summary>Stores an intrusion signal as the intake does and returns the alarm it opened.</summary>
    internal static async Task<long> OpenAsync(TestHost host, SiteDto site, string zone = "003")
    {
        var signal = Intrusion(host, site, zone);
        await host.Service<DbSignalStore>().StoreAsync([signal], Ct);
        await host.Service<AlarmOpener>().CatchUpAsync(Ct);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await db.AlarmSignalLinks.Where(l => l.SignalId == signal.Id).Select(l => l.AlarmId).SingleAsync(Ct);
    }

    internal static async Task<List<string>> MainCouranteAsync(TestHost host)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await db.LogbookEntries.Where(e => e.Journal == Journal.MainCourante).OrderBy(e => e.Sequence).Select(e => e.Text).ToListAsync(Ct);
    }

    private static async Task<List<AlarmDto>> WaitForAsync(HttpClient client, string path, Func<List<AlarmDto>, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (true)
        {
            var list = await client.GetFromJsonAsync<List<AlarmDto>>(path, ApiJson.Options, Ct) ?? [];
            if (done(list) || TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.True(done(list), $"Alarms never as expected: {JsonSerializer.Serialize(list, ApiJson.Options)}");
                return list;
            }

            await Task.Delay(50, Ct);
        }
    }

    private static async Task<AlarmDto> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<AlarmDto>(ApiJson.Options, Ct))!;
    }
}
