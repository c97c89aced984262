using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Intervenants: the roster, a dispatch from the alarm, and the agent's one-time link.</summary>
public sealed class PatrolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_agent_moves_the_dispatch_on_through_its_link_which_dies_when_finished_and_another_dies_with_the_alarm()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        using var admin = await host.ClientAsync("admin");
        using var ana = await host.ClientAsync("ana");
        using var agent = await host.ClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsJsonAsync("/api/patrol-agents", new { name = "X", phone = "1", available = true }, Ct)).StatusCode);
        var julien = (await (await admin.PostAsJsonAsync("/api/patrol-agents", new { name = "Julien Moreau", company = "RIS", phone = "06 00 00 00 11", available = true }, Ct)).Content.ReadFromJsonAsync<PatrolAgentDto>(ApiJson.Options, Ct))!;
        var off = (await (await admin.PostAsJsonAsync("/api/patrol-agents", new { name = "Paul Absent", company = "RIS", phone = "06 00 00 00 12", available = false }, Ct)).Content.ReadFromJsonAsync<PatrolAgentDto>(ApiJson.Options, Ct))!;
        Assert.Equal(2, (await ana.GetFromJsonAsync<List<PatrolAgentDto>>("/api/patrol-agents", ApiJson.Options, Ct))!.Count);
        var id = await AlarmHandlingTests.OpenAsync(host, site);

        Assert.Equal(HttpStatusCode.Conflict, (await ana.PostAsJsonAsync($"/api/alarms/{id}/patrols", new { agentId = julien.Id }, Ct)).StatusCode);
        (await ana.PostAsync($"/api/alarms/{id}/take", null, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await ana.PostAsJsonAsync($"/api/alarms/{id}/patrols", new { agentId = off.Id }, Ct), HttpStatusCode.BadRequest, "patrol.unavailable");
        var sent = (await (await ana.PostAsJsonAsync($"/api/alarms/{id}/patrols", new { agentId = julien.Id }, Ct)).Content.ReadFromJsonAsync<PatrolDto>(ApiJson.Options, Ct))!;
        Assert.StartsWith("/intervention/", sent.Link, StringComparison.Ordinal);
        var api = "/api" + sent.Link;

        var mission = (await agent.GetFromJsonAsync<AgentMission>(api, ApiJson.Options, Ct))!;
        Assert.Equal(("Entrepôt", "sent"), (mission.SiteName, mission.Patrol.Status));
        (await agent.PostAsJsonAsync(api, new { status = "accepted" }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await agent.PostAsJsonAsync(api, new { status = "accepted" }, Ct), HttpStatusCode.Conflict, "patrol.status_order");
        (await agent.PostAsJsonAsync(api, new { status = "on_site" }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await agent.PostAsJsonAsync(api, new { status = "finished", report = " " }, Ct), HttpStatusCode.BadRequest, "patrol.report_required");
        (await agent.PostAsJsonAsync(api, new { status = "finished", report = "Ronde faite, porte arrière fermée, RAS." }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await agent.PostAsJsonAsync(api, new { status = "finished", report = "encore" }, Ct), HttpStatusCode.Conflict, "patrol.link_used");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(api, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/intervention/not-a-token", Ct)).StatusCode);
        await Refusals.AssertAsync(await agent.PostAsJsonAsync("/api/intervention/not-a-token", new { status = "accepted" }, Ct), HttpStatusCode.Conflict, "patrol.link_used");

        // A second agent, still on the way when the alarm is closed: the link dies with the alarm.
        var second = (await (await ana.PostAsJsonAsync($"/api/alarms/{id}/patrols", new { agentId = julien.Id }, Ct)).Content.ReadFromJsonAsync<PatrolDto>(ApiJson.Options, Ct))!;
        (await ana.PostAsJsonAsync($"/api/alarms/{id}/close", new { verdict = "doubt_lifted", summary = "Ronde RAS." }, Ct)).EnsureSuccessStatusCode();
        await Refusals.AssertAsync(await agent.PostAsJsonAsync("/api" + second.Link, new { status = "accepted" }, Ct), HttpStatusCode.Conflict, "patrol.link_used");

        var file = (await ana.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{id}/file", ApiJson.Options, Ct))!;
        Assert.Equal(["finished", "sent"], file.Patrols.Select(p => p.Status));
        Assert.Equal("Ronde faite, porte arrière fermée, RAS.", file.Patrols[0].Report);
        Assert.All(file.Patrols, p => Assert.False(p.LinkUsable));
        Assert.Null(file.Patrols[0].Link);
        Assert.Equal("done", file.Steps.Single(s => s.Kind == "dispatch_patrol").Status);
        var texts = await AlarmHandlingTests.MainCouranteAsync(host);
        Assert.Contains(texts, t => t.Contains($"Alarme #{id} : intervenant Julien Moreau (RIS) envoyé par ANA", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("intervenant Julien Moreau — sur place", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("intervenant Julien Moreau — terminé. Rapport : Ronde faite, porte arrière fermée, RAS.", StringComparison.Ordinal));
    }
}
