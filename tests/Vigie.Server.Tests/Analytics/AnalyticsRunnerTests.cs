using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Features.Analytics;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Analytics;

/// <summary>Analytics on a recorded camera of the simulator (pedestrians of vtest.avi): rules become alarms in the queue.</summary>
[Collection(RunAlone.Name)]
public sealed class AnalyticsRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rule_that_fires_on_a_recorded_camera_opens_an_alarm_naming_the_rule_and_the_camera()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Campus");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Parvis", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");

        // Anybody walking anywhere in the picture: vtest.avi has pedestrians from its first second.
        var rules = JsonDocument.Parse("""{ "rules": [ { "id": "parvis", "name": "Parvis", "kind": "intrusion", "classes": ["person"] } ] }""").RootElement;
        (await admin.PutAsJsonAsync($"/api/cameras/{camera.Id}/analytics", new { enabled = true, rules }, Ct)).EnsureSuccessStatusCode();

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        AlarmDto? alarm = null;
        while (alarm is null)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "no analytics alarm within 60 s");
            var open = (await admin.GetFromJsonAsync<List<AlarmDto>>("/api/alarms?state=open", ApiJson.Options, Ct))!;
            alarm = open.FirstOrDefault(a => a.Title.StartsWith("Analyse vidéo", StringComparison.Ordinal));
            await Task.Delay(500, Ct);
        }

        Assert.Equal(site.Id, alarm.SiteId);
        Assert.Equal("intrusion", alarm.Category);
        Assert.Contains("« Parvis », caméra « Parvis »", alarm.Title, StringComparison.Ordinal);
        Assert.Contains("personne", alarm.Title, StringComparison.Ordinal);
        Assert.Equal(AnalyticsRunner.ZoneOf(new Media.Cameras.CameraTarget(new Domain.CameraId(camera.Id), new Domain.SiteId(site.Id), "Parvis", "", null, null)), alarm.Zone);
    }
}
