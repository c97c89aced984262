using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Domain.People;
using Vigie.Server.Api;
using Vigie.Server.Features.Alarms;
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
        await using var recorded = await SimulatedRecordedCamera.StartAsync("Campus", "Parvis", Ct);
        var (host, site, camera) = (recorded.Host, recorded.Site, recorded.Camera);
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
        Assert.Equal(Domain.Cameras.CameraAnalytics.ZoneOf(new Domain.CameraId(camera.Id)), alarm.Zone);

        // Its file shows the camera that saw it, not every camera of the site, and the picture it was seen on, the
        // object boxed, held by a main courante entry.
        var file = await AlarmFileAsync(admin, alarm.Id);
        Assert.True(file.CamerasOfZone);
        Assert.Equal([camera.Id], file.Cameras.Select(c => c.Id));
        // One picture per object the rule fired on (several pedestrians fold into the one alarm of the camera).
        Assert.NotEmpty(file.Evidence);
        Assert.All(file.Evidence, e =>
        {
            Assert.Equal("snapshot", e.Kind);
            Assert.Equal(camera.Id, e.CameraId);
            Assert.Equal("Analyse vidéo", e.ByName);
            Assert.NotNull(e.EntryId);
        });
        var evidence = file.Evidence[0];
        var jpeg = await admin.GetByteArrayAsync(new Uri($"/api/logbook/{evidence.EntryId}/attachment", UriKind.Relative), Ct);
        Assert.True(jpeg.Length > 1000 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, "the evidence is not a JPEG");
        Assert.Equal(evidence.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)));

        // Analytics turned off: the motion going on is closed and stored; the playback timeline's query shows it,
        // around the instant the rule fired on.
        (await admin.PutAsJsonAsync($"/api/cameras/{camera.Id}/analytics", new { enabled = false, rules }, Ct)).EnsureSuccessStatusCode();
        var window = $"from={Uri.EscapeDataString(alarm.OpenedAt.AddMinutes(-2).ToString("O"))}&to={Uri.EscapeDataString(alarm.OpenedAt.AddMinutes(2).ToString("O"))}";
        Vigie.Server.Recording.RecordingsDto? recordings = null;
        for (var i = 0; i < 40 && recordings is not { Motion.Count: > 0 }; i++)
        {
            await Task.Delay(500, Ct);
            recordings = await admin.GetFromJsonAsync<Vigie.Server.Recording.RecordingsDto>($"/api/cameras/{camera.Id}/recordings?{window}", ApiJson.Options, Ct);
        }

        var motion = Assert.Single(recordings!.Motion);
        Assert.True(motion.StartsAt <= evidence.Instant && motion.EndsAt >= evidence.Instant, $"motion {motion.StartsAt:O}–{motion.EndsAt:O}, rule fired {evidence.Instant:O}");
        Assert.InRange(motion.Peak, 0.001, 1);
    }

    [Fact]
    public async Task A_detection_model_that_cannot_be_used_raises_one_technical_alarm_and_the_rules_still_fire()
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("vigie-model").FullName, "detector.onnx");
        await File.WriteAllTextAsync(model, "not a model", Ct);
        await using var recorded = await SimulatedRecordedCamera.StartAsync("Campus", "Parvis", Ct, new Dictionary<string, string?> { ["Analytics:Detector"] = "onnx", ["Analytics:Model"] = model });
        await recorded.Host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await recorded.Host.ClientAsync("admin");
        var rules = JsonDocument.Parse("""{ "rules": [ { "id": "parvis", "name": "Parvis", "kind": "intrusion" } ] }""").RootElement;
        (await admin.PutAsJsonAsync($"/api/cameras/{recorded.Camera.Id}/analytics", new { enabled = true, rules }, Ct)).EnsureSuccessStatusCode();

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        List<AlarmDto> open = [];
        do
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"no technical alarm and rule alarm within 60 s: {string.Join(" | ", open.Select(a => $"{a.Category} {a.Zone} {a.Title}"))}");
            await Task.Delay(500, Ct);
            open = (await admin.GetFromJsonAsync<List<AlarmDto>>("/api/alarms?state=open", ApiJson.Options, Ct))!;
        }
        while (!open.Any(a => a.Title.Contains("détecteur d'objets", StringComparison.Ordinal)) || !open.Any(a => a.Category == "intrusion"));

        // Two alarms: the technical one in the camera's technical zone, the intrusion in its rules' zone (not folded together).
        var technical = Assert.Single(open, a => a.Title.Contains("détecteur d'objets", StringComparison.Ordinal));
        Assert.Equal("technical_fault", technical.Category);
        Assert.Contains("not a model ONNX Runtime can load", technical.Title, StringComparison.Ordinal);
        Assert.Equal(Domain.Cameras.CameraAnalytics.ZoneOf(new Domain.CameraId(recorded.Camera.Id), technical: true), technical.Zone);
        var intrusion = Assert.Single(open, a => a.Category == "intrusion");
        Assert.Equal(Domain.Cameras.CameraAnalytics.ZoneOf(new Domain.CameraId(recorded.Camera.Id)), intrusion.Zone);
        Assert.True((await AlarmFileAsync(admin, technical.Id)).CamerasOfZone);
    }

    [Fact]
    public async Task Another_sender_cannot_file_a_stored_picture_through_its_extended_data()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Campus");
        await host.CreatePersonAsync("admin", Role.Administrator);
        using var admin = await host.ClientAsync("admin");
        var forged = $"{Domain.Logbook.AttachmentReference.Format(new string('a', 64))} camera:{Guid.NewGuid()}";
        await host.Service<Vigie.Server.Alarms.DbSignalStore>().StoreAsync([new Domain.Alarms.AlarmSignal("webhook:intrus", TimeProvider.System.GetUtcNow(), new Domain.SiteId(site.Id), null, "BA", Domain.Alarms.AlarmCategory.Intrusion, false, 2, "Intrusion", "Intrusion", "{}")
        {
            Zone = "001",
            ExtendedData = forged,
        }], Ct);
        await host.Service<AlarmOpener>().CatchUpAsync(Ct);
        var alarm = Assert.Single((await admin.GetFromJsonAsync<List<AlarmDto>>("/api/alarms?state=open", ApiJson.Options, Ct))!);
        Assert.Empty((await AlarmFileAsync(admin, alarm.Id)).Evidence);
    }

    private static async Task<AlarmFileDto> AlarmFileAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<AlarmFileDto>($"/api/alarms/{id}/file", ApiJson.Options, Ct))!;
}
