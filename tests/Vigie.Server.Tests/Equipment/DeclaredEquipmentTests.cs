using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vigie.Server.Features.Equipment;
using Vigie.Testing;

namespace Vigie.Server.Tests.Equipment;

/// <summary>
/// The centre's own equipment: declared by a supervisor with a webhook token shown once, reporting its state with it
/// (a wrong token is 401), silent past its interval → fault and its technical alarm; operators may set a state but not
/// declare.
/// </summary>
public sealed class DeclaredEquipmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_declared_ups_reports_through_its_webhook_and_falls_silent_into_a_technical_alarm()
    {
        await using var host = await TechnicalAlarmTests.StartAsync(new SwitchableCameras());
        var (_, op) = await TechnicalAlarmTests.CameraAndOperatorAsync(host);
        await host.CreatePersonAsync("chef", Domain.People.Role.Supervisor);
        using var chef = await host.ClientAsync("chef");
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/equipment/other", new { name = "Onduleur", category = "Onduleur" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.PostAsJsonAsync("/api/equipment/other", new { name = "Onduleur", category = "", reportIntervalSeconds = 60 }, Ct)).StatusCode);
        var created = await chef.PostAsJsonAsync("/api/equipment/other", new { name = "Onduleur salle serveurs", category = "Onduleur", reportIntervalSeconds = 60 }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var declared = (await created.Content.ReadFromJsonAsync<ManualEquipmentService.Declared>(Ct))!;
        Assert.Equal(48, declared.Token.Length);

        using var device = new HttpClient { BaseAddress = host.BaseAddress };
        async Task<HttpStatusCode> ReportAsync(string token, string state)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, declared.WebhookPath) { Content = JsonContent.Create(new { state, detail = "sur batterie" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await device.SendAsync(request, Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ReportAsync("not-the-token", "fault"));
        Assert.Equal(HttpStatusCode.BadRequest, await ReportAsync(declared.Token, "maintenance"));
        Assert.Equal(HttpStatusCode.NoContent, await ReportAsync(declared.Token, "degraded"));
        await TechnicalAlarmTests.PassesAsync(host, 1);
        var ups = await CameraOutageTests.DeviceAsync(op, declared.Id);
        Assert.Equal("degraded", ups!.State);
        Assert.Contains("sur batterie", ups.Detail, StringComparison.Ordinal);
        Assert.Null(ups.SiteId);
        Assert.Empty(await TechnicalAlarmTests.OpenTechnicalAsync(op)); // degraded: shown, not raised

        // Silent past 60 s and its grace: in fault, and raised after the raise delay.
        await TechnicalAlarmTests.PassesAsync(host, 80);
        var alarm = Assert.Single(await TechnicalAlarmTests.OpenTechnicalAsync(op));
        Assert.StartsWith("Équipement « Onduleur salle serveurs » : plus de nouvelles depuis", alarm.Title, StringComparison.Ordinal);

        // An operator sets it back by hand (main courante); the alarm is restored after the hold-off.
        Assert.Equal(HttpStatusCode.OK, (await op.PutAsJsonAsync($"/api/equipment/other/{declared.Number}/state", new { state = "ok", detail = "secteur revenu" }, Ct)).StatusCode);
        await TechnicalAlarmTests.PassesAsync(host, 31);
        Assert.True(Assert.Single(await TechnicalAlarmTests.OpenTechnicalAsync(op)).Restored);
        Assert.Contains(await TechnicalAlarmTests.MainCouranteAsync(host), t => t == "État de « Onduleur salle serveurs » mis à « ok » : secteur revenu.");
    }
}
