using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Analytics;
using Vigie.Testing;

namespace Vigie.Server.Tests.Analytics;

/// <summary>A camera's analytics rules through the API: checked, audited, administrators only, site-scoped.</summary>
public sealed class AnalyticsSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrators_save_checked_rules_operators_read_them_and_other_sites_do_not_see_the_camera()
    {
        await using var host = await TestHost.StartAsync();
        var site = await host.CreateSiteAsync("Entrepôt");
        var other = await host.CreateSiteAsync("Mairie");
        var dock = await host.CreateCameraAsync(site, "quai");
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await host.CreatePersonAsync("eve", Role.Operator, [other]);
        using var admin = await host.ClientAsync("admin");
        using var op = await host.ClientAsync("op");
        using var eve = await host.ClientAsync("eve");

        var none = (await op.GetFromJsonAsync<CameraAnalyticsDto>($"/api/cameras/{dock.Id}/analytics", ApiJson.Options, Ct))!;
        Assert.False(none.Enabled);

        var rules = JsonDocument.Parse("""{ "rules": [ { "id": "quai", "name": "Quai la nuit", "kind": "intrusion", "zone": [[0, 0], [100, 0], [100, 100]], "classes": ["person"], "schedule": [ { "from": "19:00", "to": "07:00" } ] } ] }""").RootElement;
        (await admin.PutAsJsonAsync($"/api/cameras/{dock.Id}/analytics", new { enabled = true, rules }, Ct)).EnsureSuccessStatusCode();
        var saved = (await op.GetFromJsonAsync<CameraAnalyticsDto>($"/api/cameras/{dock.Id}/analytics", ApiJson.Options, Ct))!;
        Assert.True(saved.Enabled);
        Assert.Equal("quai", saved.Rules.GetProperty("rules")[0].GetProperty("id").GetString());

        var bad = JsonDocument.Parse("""{ "rules": [ { "id": "x", "kind": "line", "line": [[0, 0]] } ] }""").RootElement;
        var refused = await admin.PutAsJsonAsync($"/api/cameras/{dock.Id}/analytics", new { enabled = true, rules = bad }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("a line needs exactly two points", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await op.PutAsJsonAsync($"/api/cameras/{dock.Id}/analytics", new { enabled = false, rules }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/api/cameras/{dock.Id}/analytics", Ct)).StatusCode);

        await host.CreatePersonAsync("ana", Role.Auditor);
        using var auditor = await host.ClientAsync("ana");
        var audit = await auditor.GetStringAsync("/api/audit", Ct);
        Assert.Contains("Analyse vidéo de la caméra « quai » activée, 1 règle(s) : quai", audit, StringComparison.Ordinal);
    }
}
