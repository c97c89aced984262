using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Features.Equipment;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Equipment;

/// <summary>
/// Technical alarms from the equipment supervision, on the fake clock one pass a second: a flapping camera raises
/// one alarm that counts its returns; a device in maintenance raises nothing until the mute ends, then does; a
/// restore comes only after the fault stayed clear for the hold-off.
/// </summary>
public sealed class TechnicalAlarmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Equipment:RaiseAfter"] = "00:00:02",
        ["Equipment:RestoreAfter"] = "00:00:30",
    };

    [Fact]
    public async Task A_camera_flapping_every_five_seconds_for_a_minute_raises_one_alarm_with_a_counter()
    {
        var cameras = new SwitchableCameras();
        await using var host = await StartAsync(cameras);
        var (camera, op) = await CameraAndOperatorAsync(host);
        cameras.Set(camera, up: true);
        await PassesAsync(host, 3);

        // Down 5 s, up 5 s, six times over a minute.
        for (var cycle = 0; cycle < 6; cycle++)
        {
            cameras.Set(camera, up: false);
            await PassesAsync(host, 5);
            cameras.Set(camera, up: true);
            await PassesAsync(host, 5);
        }

        var alarms = await OpenTechnicalAsync(op);
        var alarm = Assert.Single(alarms);
        Assert.Contains("Caméra « Quai 1 »", alarm.Title, StringComparison.Ordinal);
        Assert.Contains("hors ligne", alarm.Title, StringComparison.Ordinal);
        Assert.Equal(6, alarm.SignalCount);
        Assert.False(alarm.Restored); // up for 5 s only each time: under the 30 s hold-off
        var device = await op.GetFromJsonAsync<DeviceView>($"/api/equipment/camera:{camera.Value:N}", Ct);
        Assert.NotNull(device);
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            Assert.Equal(6, (await db.EquipmentAlarms.SingleAsync(Ct)).Count);
        }

        // Steady for the hold-off: the alarm is rétabli, still one.
        await PassesAsync(host, 31);
        alarm = Assert.Single(await OpenTechnicalAsync(op));
        Assert.True(alarm.Restored);
        Assert.Equal(7, alarm.SignalCount);
        await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
        {
            Assert.Empty(await db.EquipmentAlarms.ToListAsync(Ct));
        }
    }

    [Fact]
    public async Task A_device_in_maintenance_raises_nothing_until_its_mute_expires_then_does()
    {
        var cameras = new SwitchableCameras();
        await using var host = await StartAsync(cameras);
        var (camera, op) = await CameraAndOperatorAsync(host);
        cameras.Set(camera, up: true);
        await PassesAsync(host, 2);
        var id = $"camera:{camera.Value:N}";

        var planned = await op.PostAsJsonAsync($"/api/equipment/{id}/maintenance", new { minutes = 10, reason = "Remplacement de l'objectif" }, Ct);
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        cameras.Set(camera, up: false);
        await PassesAsync(host, 9 * 60);
        Assert.Empty(await OpenTechnicalAsync(op));
        Assert.Equal("maintenance", (await op.GetFromJsonAsync<DeviceView[]>("/api/equipment?state=maintenance", Ct))!.Single().State);

        // The mute ends at 10 min; the fault, still there, is raised after the raise delay counted from then.
        await PassesAsync(host, 60 + 3);
        var alarm = Assert.Single(await OpenTechnicalAsync(op));
        Assert.Contains("hors ligne", alarm.Title, StringComparison.Ordinal);
        var logbook = await MainCouranteAsync(host);
        Assert.Contains(logbook, t => t.StartsWith("Maintenance planifiée de « Quai 1 »", StringComparison.Ordinal) && t.Contains("Remplacement de l'objectif", StringComparison.Ordinal));
        Assert.Contains(logbook, t => t.StartsWith("Début de maintenance de « Quai 1 »", StringComparison.Ordinal));
        Assert.Contains(logbook, t => t.StartsWith("Fin de maintenance de « Quai 1 »", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tamper_the_analytics_raised_is_the_cameras_state_without_a_second_alarm()
    {
        var cameras = new SwitchableCameras();
        await using var host = await StartAsync(cameras);
        var (camera, op) = await CameraAndOperatorAsync(host);
        cameras.Set(camera, up: true);
        host.Service<Vigie.Server.Features.Analytics.TamperStates>().Set(camera, "tamper.covered", raised: true, "objectif masqué ou ébloui", "lens covered or blinded");
        await PassesAsync(host, 10);

        var device = await CameraOutageTests.DeviceAsync(op, $"camera:{camera.Value:N}");
        Assert.Equal("degraded", device!.State);
        Assert.Equal("sabotage : objectif masqué ou ébloui", device.Detail);
        Assert.Empty(await OpenTechnicalAsync(op));

        host.Service<Vigie.Server.Features.Analytics.TamperStates>().Set(camera, "tamper.covered", raised: false, "", "");
        await PassesAsync(host, 1);
        Assert.Equal("ok", (await CameraOutageTests.DeviceAsync(op, $"camera:{camera.Value:N}"))!.State);
    }

    [Fact]
    public async Task A_maintenance_is_time_limited_has_a_reason_and_is_refused_to_auditors()
    {
        var cameras = new SwitchableCameras();
        await using var host = await StartAsync(cameras);
        var (camera, op) = await CameraAndOperatorAsync(host);
        await PassesAsync(host, 1);
        var id = $"camera:{camera.Value:N}";
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync($"/api/equipment/{id}/maintenance", new { minutes = 60 * 24 * 8, reason = "Travaux" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync($"/api/equipment/{id}/maintenance", new { minutes = 30, reason = " " }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync($"/api/equipment/{id}/maintenance", new { reason = "Travaux" }, Ct)).StatusCode);
        await host.CreatePersonAsync("auditor", Domain.People.Role.Auditor);
        using var auditor = await host.ClientAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/equipment/{id}/maintenance", new { minutes = 30, reason = "Travaux" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync("/api/equipment/camera:0000/maintenance", new { minutes = 30, reason = "Travaux" }, Ct)).StatusCode);
    }

    internal static Task<TestHost> StartAsync(SwitchableCameras cameras) =>
        TestHost.StartAsync(configure: o => o with { Settings = Settings }, services: s => s.AddSingleton<ICameraRecorders>(cameras));

    internal static async Task<(CameraId Camera, HttpClient Operator)> CameraAndOperatorAsync(TestHost host)
    {
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.CreateCameraAsync(site, "Quai 1");
        await host.CreatePersonAsync("op", Domain.People.Role.Operator, [site]);
        return (new CameraId(camera.Id), await host.ClientAsync("op"));
    }

    /// <summary>One supervision pass a second of the fake clock, the alarm queue caught up after each.</summary>
    internal static async Task PassesAsync(TestHost host, int seconds)
    {
        var supervisor = host.Service<EquipmentSupervisor>();
        var opener = host.Service<AlarmOpener>();
        for (var i = 0; i < seconds; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            await supervisor.RunOnceAsync(Ct);
            await opener.CatchUpAsync(Ct);
        }
    }

    internal static async Task<List<AlarmDto>> OpenTechnicalAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<AlarmDto[]>("/api/alarms?state=open", Ct))!.Where(a => a.Category == "technical_fault")];

    internal static async Task<List<string>> MainCouranteAsync(TestHost host)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await db.LogbookEntries.Where(e => e.Journal == Journal.MainCourante).OrderBy(e => e.Id).Select(e => e.Text).ToListAsync(Ct);
    }
}
