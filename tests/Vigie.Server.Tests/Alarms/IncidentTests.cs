using System.Net;
using System.Net.Http.Json;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Major incidents: alarms linked into one, the crisis checklist an administrator edits, the timeline.</summary>
public sealed class IncidentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alarms_are_linked_into_an_incident_with_its_checklist_and_a_timeline_of_every_entry_in_order()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        using var admin = await host.ClientAsync("admin");
        using var ana = await host.ClientAsync("ana");
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PutAsJsonAsync("/api/crisis-checklists/incendie", new[] { "x" }, Ct)).StatusCode);
        (await admin.PutAsJsonAsync("/api/crisis-checklists/incendie", new[] { "Appeler le 18", "Guider les secours" }, Ct)).EnsureSuccessStatusCode();
        var first = await AlarmHandlingTests.OpenAsync(host, site, "001");
        var second = await AlarmHandlingTests.OpenAsync(host, site, "002");
        var foreign = await AlarmHandlingTests.OpenAsync(host, other, "001");
        (await ana.PostAsync($"/api/alarms/{first}/take", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsJsonAsync("/api/incidents", new { title = "Feu quai 2", kind = "incendie", alarmIds = new[] { first, foreign } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.PostAsJsonAsync("/api/incidents", new { title = "Feu", kind = "tempête" }, Ct)).StatusCode);
        var opened = await ana.PostAsJsonAsync("/api/incidents", new { title = "Feu quai 2", kind = "incendie", alarmIds = new[] { first } }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incident = (await opened.Content.ReadFromJsonAsync<IncidentDto>(ApiJson.Options, Ct))!;
        Assert.Equal(["Appeler le 18", "Guider les secours"], incident.Tasks.Select(t => t.Text));
        incident = (await (await ana.PostAsync($"/api/incidents/{incident.Id}/alarms/{second}", null, Ct)).Content.ReadFromJsonAsync<IncidentDto>(ApiJson.Options, Ct))!;
        (await ana.PostAsync($"/api/incidents/{incident.Id}/tasks/{incident.Tasks[0].Id}/done", null, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await ana.PostAsync($"/api/incidents/{incident.Id}/tasks/{incident.Tasks[0].Id}/done", null, Ct)).StatusCode);
        (await ana.PostAsJsonAsync($"/api/alarms/{first}/authorities", new { service = "pompiers", note = "Fumée quai 2" }, Ct)).EnsureSuccessStatusCode();
        (await ana.PostAsJsonAsync($"/api/incidents/{incident.Id}/close", new { summary = "Feu éteint par les pompiers." }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await ana.PostAsync($"/api/incidents/{incident.Id}/alarms/{second}", null, Ct)).StatusCode);

        var final = (await ana.GetFromJsonAsync<IncidentDto>($"/api/incidents/{incident.Id}", ApiJson.Options, Ct))!;
        Assert.Equal([first, second], final.Alarms.Select(a => a.Id));
        Assert.NotNull(final.Tasks[0].DoneAt);
        Assert.Equal("Feu éteint par les pompiers.", final.Summary);
        var timeline = final.Timeline.Select(e => e.Text).ToList();
        Assert.Collection(timeline,
            t => Assert.StartsWith($"Alarme #{first} ouverte", t, StringComparison.Ordinal),
            t => Assert.StartsWith($"Alarme #{second} ouverte", t, StringComparison.Ordinal),
            t => Assert.StartsWith($"Alarme #{first} prise en charge", t, StringComparison.Ordinal),
            t => Assert.Equal($"Incident majeur #{incident.Id} « Feu quai 2 » (incendie) ouvert par ANA ; alarmes liées : #{first}.", t),
            t => Assert.Equal($"Alarme #{second} liée à l'incident majeur #{incident.Id} par ANA.", t),
            t => Assert.Equal($"Incident majeur #{incident.Id} : « Appeler le 18 » fait par ANA.", t),
            t => Assert.StartsWith($"Alarme #{first} : sapeurs-pompiers (18) prévenu(e)", t, StringComparison.Ordinal),
            t => Assert.StartsWith($"Incident majeur #{incident.Id} « Feu quai 2 » clos par ANA", t, StringComparison.Ordinal));
        Assert.Equal(incident.Id, (await ana.GetFromJsonAsync<AlarmDto>($"/api/alarms/{first}", ApiJson.Options, Ct))!.IncidentId);
    }
}
