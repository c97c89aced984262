using System.Net;
using System.Net.Http.Json;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Passation de consignes and the overview (Accueil).</summary>
public sealed class HandoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_outgoing_operator_hands_over_the_incoming_one_acknowledges_once_and_both_are_in_the_main_courante()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        await host.CreatePersonAsync("bob", Role.Operator, [site]);
        await host.CreatePersonAsync("audrey", Role.Auditor);
        using var ana = await host.ClientAsync("ana");
        using var bob = await host.ClientAsync("bob");
        using var audrey = await host.ClientAsync("audrey");
        var held = await AlarmHandlingTests.OpenAsync(host, site, "001");
        await AlarmHandlingTests.OpenAsync(host, site, "002");
        (await ana.PostAsync($"/api/alarms/{held}/take", null, Ct)).EnsureSuccessStatusCode();

        var handover = (await (await ana.PostAsJsonAsync("/api/handovers", new { notes = "Rappeler M. Durand à 7 h pour la vitre." }, Ct)).Content.ReadFromJsonAsync<HandoverDto>(ApiJson.Options, Ct))!;
        Assert.Equal("2 alarme(s) ouverte(s) : 1 nouvelle(s), 1 prise(s) en charge, 0 en attente ; 0 incident(s) majeur(s) en cours.", handover.Summary);
        Assert.Equal(HttpStatusCode.Forbidden, (await audrey.PostAsync($"/api/handovers/{handover.Id}/acknowledge", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ana.PostAsync($"/api/handovers/{handover.Id}/acknowledge", null, Ct)).StatusCode);
        Assert.Equal("BOB", (await (await bob.PostAsync($"/api/handovers/{handover.Id}/acknowledge", null, Ct)).Content.ReadFromJsonAsync<HandoverDto>(ApiJson.Options, Ct))!.AcknowledgedByName);
        Assert.Equal(HttpStatusCode.Conflict, (await bob.PostAsync($"/api/handovers/{handover.Id}/acknowledge", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync("/api/handovers/999/acknowledge", null, Ct)).StatusCode);

        var texts = await AlarmHandlingTests.MainCouranteAsync(host);
        Assert.Contains(texts, t => t.StartsWith("Passation de consignes par ANA : 2 alarme(s) ouverte(s)", StringComparison.Ordinal) && t.EndsWith("Consignes : Rappeler M. Durand à 7 h pour la vitre.", StringComparison.Ordinal));
        Assert.Contains("Passation de ANA prise en compte par BOB.", texts);

        // The overview: open alarms by priority, who is signed in, the handover.
        var overview = (await bob.GetFromJsonAsync<OverviewDto>("/api/overview", ApiJson.Options, Ct))!;
        Assert.Equal([new PriorityCount(2, 2)], overview.OpenByPriority);
        Assert.Equal(["ANA", "AUDREY", "BOB"], overview.OnDuty.Select(p => p.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal([handover.Id], overview.Handovers.Select(h => h.Id));
        Assert.Contains(overview.LastEntries, e => e.Text.StartsWith("Passation de ANA prise en compte", StringComparison.Ordinal));
    }
}
