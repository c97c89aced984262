using System.Net;
using System.Net.Http.Json;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>The indicators of alarm handling: shares picked up within 30 s and 60 s, by site, operator and priority, and their CSV.</summary>
public sealed class AlarmIndicatorsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shares_within_30_and_60_seconds_are_counted_per_site_operator_and_priority_and_exported()
    {
        await using var host = await TestHost.StartAsync();
        var start = host.Time.GetUtcNow();
        var site = await host.CreateSiteAsync("=Entrepôt, nord");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("ana", Role.Operator, [site]);
        await host.CreatePersonAsync("audrey", Role.Auditor);
        using var ana = await host.ClientAsync("ana");
        using var audrey = await host.ClientAsync("audrey");
        var quick = await AlarmHandlingTests.OpenAsync(host, site, "001");
        var slow = await AlarmHandlingTests.OpenAsync(host, site, "002");
        await AlarmHandlingTests.OpenAsync(host, site, "003");
        await AlarmHandlingTests.OpenAsync(host, other, "001");

        host.Time.Advance(TimeSpan.FromSeconds(20));
        (await ana.PostAsync($"/api/alarms/{quick}/take", null, Ct)).EnsureSuccessStatusCode();
        host.Time.Advance(TimeSpan.FromSeconds(25));
        (await ana.PostAsync($"/api/alarms/{slow}/take", null, Ct)).EnsureSuccessStatusCode();
        host.Time.Advance(TimeSpan.FromSeconds(15));
        (await ana.PostAsJsonAsync($"/api/alarms/{quick}/close", new { verdict = "false_alarm", cause = "weather", summary = "Vent" }, Ct)).EnsureSuccessStatusCode();

        var range = $"from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(5).ToString("O"))}";
        var report = (await ana.GetFromJsonAsync<IndicatorReport>($"/api/alarms/indicators?{range}", ApiJson.Options, Ct))!;
        Assert.Equal((3, 2, 33.3, 66.7, 32.5), (report.Total.Alarms, report.Total.PickedUp, report.Total.Within30s, report.Total.Within60s, report.Total.MedianPickUpSeconds));
        Assert.Equal(60, report.Total.MedianCloseSeconds);
        Assert.Equal(["=Entrepôt, nord"], report.BySite.Select(r => r.Key));
        Assert.Equal([("ANA", 2)], report.ByOperator.Select(r => (r.Key, r.Alarms)));
        Assert.Equal(["P2"], report.ByPriority.Select(r => r.Key));
        // An auditor sees every site.
        Assert.Equal(4, (await audrey.GetFromJsonAsync<IndicatorReport>($"/api/alarms/indicators?{range}", ApiJson.Options, Ct))!.Total.Alarms);

        var csv = await ana.GetAsync($"/api/alarms/indicators.csv?{range}", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("alarm,site,category,priority,opened_at,first_taken_by,pick_up_s,dispatch_s,close_s,verdict,cause", lines[0]);
        Assert.Equal($"{quick},\"'=Entrepôt, nord\",intrusion,2,{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},ANA,20,,60,false_alarm,weather", lines[1]);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.GetAsync($"/api/alarms/indicators?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}", Ct)).StatusCode);
    }
}
