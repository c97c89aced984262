using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>The levée de doute through the API: evidence, the L613-6 gate, calls, consignes and zone cameras.</summary>
public sealed class AlarmFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_police_is_refused_on_an_intrusion_until_a_snapshot_of_the_site_is_attached_and_each_act_fulfils_its_step()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Dépôt");
        var other = await host.CreateSiteAsync("Mairie");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        var otherCamera = await host.CreateCameraAsync(other, "hall");
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        using var ana = await host.ClientAsync("ana");
        var id = await AlarmHandlingTests.OpenAsync(host, site);
        (await ana.PostAsync($"/api/alarms/{id}/take", null, Ct)).EnsureSuccessStatusCode();

        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/authorities", new { service = "police", reference = "", note = "Intrusion" }, Ct), HttpStatusCode.Conflict, "alarm.verification_required");
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/evidence/snapshot", new { cameraId = otherCamera.Id }, Ct), HttpStatusCode.BadRequest, "alarm.camera_other_site");
        var snapshot = await SnapshotWhenStreamingAsync(ana, id, camera.Id);
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        var notified = await ana.PostAsJsonAsync($"/api/alarms/{id}/authorities", new { service = "police", reference = "INT-2026-118", note = "Deux individus vus côté quai." }, Ct);
        Assert.Equal(HttpStatusCode.OK, notified.StatusCode);

        var file = (await ana.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{id}/file", ApiJson.Options, Ct))!;
        var evidence = Assert.Single(file.Evidence);
        Assert.Equal(("snapshot", camera.Id), (evidence.Kind, evidence.CameraId));
        var picture = await ana.GetAsync($"/api/logbook/{evidence.EntryId}/attachment", Ct);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await picture.Content.ReadAsByteArrayAsync(Ct))), evidence.Sha256);
        Assert.Equal(("police", "INT-2026-118"), (file.AuthorityCalls[0].Service, file.AuthorityCalls[0].Reference));
        Assert.True(file.Verified);
        Assert.Equal("done", file.Steps.Single(s => s.Kind == "watch_cameras").Status);
        Assert.Equal("done", file.Steps.Single(s => s.Kind == "notify_authorities").Status);
        Assert.Equal([camera.Id], file.Cameras.Select(c => c.Id));
        var texts = await AlarmHandlingTests.MainCouranteAsync(host);
        Assert.Contains(texts, t => t.Contains("instantané de la caméra Quai", StringComparison.Ordinal) && t.Contains("versé au dossier par ANA", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("police (17) prévenu(e) par ANA, référence INT-2026-118", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mandatory_consignes_hold_the_closure_until_done_or_skipped_with_a_reason_and_a_confirming_call_is_evidence()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        using var admin = await host.ClientAsync("admin");
        using var ana = await host.ClientAsync("ana");
        var saved = await admin.PutAsJsonAsync($"/api/sites/{site.Id}/consignes/intrusion", new[]
        {
            new { kind = "call_contacts", title = "Appeler le gérant puis l'adjoint", mandatory = true },
            new { kind = "check_password", title = "Mot de passe : nom du chien", mandatory = true },
            new { kind = "free", title = "Noter la météo", mandatory = false },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PutAsJsonAsync($"/api/sites/{site.Id}/consignes/intrusion", Array.Empty<object>(), Ct)).StatusCode);
        await Refusals.AssertAsync(await admin.PutAsJsonAsync($"/api/sites/{site.Id}/consignes/intrusion", new[] { new { kind = "dance", title = "x", mandatory = false } }, Ct), HttpStatusCode.BadRequest, "procedure.step_kind_invalid");
        var id = await AlarmHandlingTests.OpenAsync(host, site);
        (await ana.PostAsync($"/api/alarms/{id}/take", null, Ct)).EnsureSuccessStatusCode();

        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "doubt_confirmed", summary = "Effraction" }, Ct), HttpStatusCode.Conflict, "alarm.steps_open", "1, 2");
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/calls", new { contact = "M. Durand", outcome = "maybe" }, Ct), HttpStatusCode.BadRequest, "call.outcome_invalid");
        (await ana.PostAsJsonAsync($"/api/alarms/{id}/calls", new { contact = "M. Durand", phone = "06 12 34 56 78", outcome = "no_answer" }, Ct)).EnsureSuccessStatusCode();
        (await ana.PostAsJsonAsync($"/api/alarms/{id}/calls", new { contact = "Mme Petit", phone = "06 98 76 54 32", outcome = "reached_confirms", note = "Vitre brisée constatée" }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/steps/2/skip", new { note = "" }, Ct), HttpStatusCode.BadRequest, "step.skip_reason_required");
        (await ana.PostAsJsonAsync($"/api/alarms/{id}/steps/2/skip", new { note = "Mme Petit connue du centre" }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/steps/2/done", new { note = "" }, Ct), HttpStatusCode.Conflict, "step.already_completed");
        Assert.Equal(HttpStatusCode.NotFound, (await ana.PostAsJsonAsync($"/api/alarms/{id}/steps/9/done", new { note = "" }, Ct)).StatusCode);
        // The confirming call is verification evidence: the police may be called.
        (await ana.PostAsJsonAsync($"/api/alarms/{id}/authorities", new { service = "police", reference = "", note = "" }, Ct)).EnsureSuccessStatusCode();
        (await ana.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "doubt_confirmed", summary = "Effraction confirmée par Mme Petit, police prévenue." }, Ct)).EnsureSuccessStatusCode();

        var file = (await ana.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{id}/file", ApiJson.Options, Ct))!;
        Assert.Equal(["done", "skipped", "pending"], file.Steps.Select(s => s.Status));
        Assert.Equal("Mme Petit : joint, confirme l'intrusion", file.Steps[0].Note);
        Assert.Equal(["no_answer", "reached_confirms"], file.Calls.Select(c => c.Outcome));
        Assert.Equal("confirmingcall", Assert.Single(file.Evidence).Kind);
        var steps = (await AlarmHandlingTests.MainCouranteAsync(host)).Where(t => t.StartsWith($"Alarme #{id}", StringComparison.Ordinal)).ToList();
        Assert.Collection(steps,
            t => Assert.Contains("ouverte", t, StringComparison.Ordinal),
            t => Assert.Contains("prise en charge par ANA", t, StringComparison.Ordinal),
            t => Assert.Contains("appel de M. Durand (06 12 34 56 78) par ANA — pas de réponse", t, StringComparison.Ordinal),
            t => Assert.Contains("appel de Mme Petit (06 98 76 54 32) par ANA — joint, confirme l'intrusion. Vitre brisée constatée", t, StringComparison.Ordinal),
            t => Assert.Contains("consigne 2 « Mot de passe : nom du chien » non faite par ANA : Mme Petit connue du centre", t, StringComparison.Ordinal),
            t => Assert.Contains("police (17) prévenu(e) par ANA", t, StringComparison.Ordinal),
            t => Assert.Contains("clôturée par ANA : doute avéré", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hold_up_may_be_reported_at_once_with_a_reason_and_fire_services_are_never_held_back()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Bijouterie");
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        using var ana = await host.ClientAsync("ana");
        var signal = new Vigie.Domain.Alarms.AlarmSignal("dc09", host.Time.GetUtcNow(), new Vigie.Domain.SiteId(site.Id), "5A5A", "HA", Vigie.Domain.Alarms.AlarmCategory.HoldUp, false, 1, "Agression", "Hold-up", "raw") { Zone = "04" };
        await host.Service<Vigie.Server.Alarms.DbSignalStore>().StoreAsync([signal], Ct);
        var holdUp = (await host.Service<AlarmOpener>().CatchUpAsync(Ct)).Single().Id;
        var intrusion = await AlarmHandlingTests.OpenAsync(host, site);
        (await ana.PostAsync($"/api/alarms/{holdUp}/take", null, Ct)).EnsureSuccessStatusCode();
        (await ana.PostAsync($"/api/alarms/{intrusion}/take", null, Ct)).EnsureSuccessStatusCode();

        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{holdUp}/authorities", new { service = "police" }, Ct), HttpStatusCode.BadRequest, "alarm.urgent_reason_required");
        (await ana.PostAsJsonAsync($"/api/alarms/{holdUp}/authorities", new { service = "police", reason = "Bouton d'agression, employée seule" }, Ct)).EnsureSuccessStatusCode();
        (await ana.PostAsJsonAsync($"/api/alarms/{intrusion}/authorities", new { service = "pompiers", note = "Fumée signalée par le voisin" }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{intrusion}/authorities", new { service = "gendarmerie", reason = "pressé" }, Ct), HttpStatusCode.Conflict, "alarm.verification_required");
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{intrusion}/authorities", new { service = "armée" }, Ct), HttpStatusCode.BadRequest, "authority.service_invalid");

        var file = (await ana.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{holdUp}/file", ApiJson.Options, Ct))!;
        Assert.Equal("Bouton d'agression, employée seule", Assert.Single(file.AuthorityCalls).Reason);
        Assert.Contains(await AlarmHandlingTests.MainCouranteAsync(host), t => t.Contains("Signalé avant vérification (personne en danger) : Bouton d'agression", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cameras_of_the_alarms_zone_come_first_all_the_sites_otherwise_and_another_sites_file_is_403()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var other = await host.CreateSiteAsync("Mairie");
        var dock = await host.CreateCameraAsync(site, "quai");
        var hall = await host.CreateCameraAsync(site, "hall");
        var foreign = await host.CreateCameraAsync(other, "parvis");
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("eve", Role.Operator, [other]);
        using var admin = await host.ClientAsync("admin");
        using var eve = await host.ClientAsync("eve");

        (await admin.PutAsJsonAsync($"/api/sites/{site.Id}/zones/003", new[] { dock.Id }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await admin.PutAsJsonAsync($"/api/sites/{site.Id}/zones/004", new[] { foreign.Id }, Ct), HttpStatusCode.BadRequest, "zone.camera_other_site");
        var inZone = await AlarmHandlingTests.OpenAsync(host, site, "003");
        var elsewhere = await AlarmHandlingTests.OpenAsync(host, site, "009");

        var zoned = (await admin.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{inZone}/file", ApiJson.Options, Ct))!;
        var all = (await admin.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{elsewhere}/file", ApiJson.Options, Ct))!;
        Assert.Equal([dock.Id], zoned.Cameras.Select(c => c.Id));
        Assert.True(zoned.CamerasOfZone);
        Assert.Equal([hall.Id, dock.Id], all.Cameras.Select(c => c.Id));
        Assert.False(all.CamerasOfZone);
        Assert.Equal([inZone], all.RecentAlarms.Select(a => a.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/api/alarms/{inZone}/file", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/api/sites/{site.Id}/consignes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eve.GetAsync($"/api/sites/{site.Id}/zones", Ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SnapshotWhenStreamingAsync(HttpClient client, long id, Guid camera)
    {
        for (var i = 0; ; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/alarms/{id}/evidence/snapshot", new { cameraId = camera }, Ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || i >= 100)
            {
                return response;
            }

            await Task.Delay(200, Ct);
        }
    }
}
