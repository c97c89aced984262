using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Server.Localization;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

public sealed class MisconfiguredCameraTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_whose_stored_password_cannot_be_decrypted_is_shown_invalid_configuration_while_the_others_keep_recording()
    {
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 2, Port = 0, LiveClock = false, Sources = [], CacheFolder = SimulatorCache.Folder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);

        // The cameras are declared on a first run; then one stored password becomes bytes no key decrypts
        // (a database restored beside another data folder's keys/).
        string folder;
        SiteDto site;
        CameraDto good, locked;
        await using (var first = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow()))
        {
            first.KeepDataFolder = true;
            folder = first.DataFolder;
            site = await first.CreateSiteAsync("Gare");
            var sites = first.Service<SiteService>();
            good = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
            locked = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Parvis", simulator.UrlOf(2), null, "viewer", "stream-secret", 30), Ct);
            await first.CreatePersonAsync("op", Role.Operator, [site]);
            await using var db = first.Service<VigieDbFactory>().CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("UPDATE cameras SET \"ProtectedPassword\" = 'CfDJ8-written-with-keys-this-host-never-had' WHERE \"Name\" = 'Parvis'", Ct);
        }

        await using var host = await TestHost.StartAsync(dataFolder: folder, now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        using var op = await host.ClientAsync("op");

        CameraStatusView? status = null;
        await WaitAsync(async () =>
        {
            status = await op.GetFromJsonAsync<CameraStatusView>($"/api/cameras/{locked.Id}/status", Ct);
            return status?.State == "misconfigured";
        }, TimeSpan.FromSeconds(20), () => $"{status}");
        Assert.Contains("password cannot be decrypted", status!.LastProblem, StringComparison.Ordinal);
        var entries = await TechnicalEntriesAsync(host);
        Assert.Contains(entries, e => e.StartsWith("Configuration invalide — caméra « Parvis »", StringComparison.Ordinal));

        // The console shows the API's state through its label, in French and in English.
        var text = new UiText();
        Assert.Equal("Configuration invalide", InCulture("fr", () => text[$"camera_state.{status.State}"]));
        Assert.Equal("Invalid configuration", InCulture("en", () => text[$"camera_state.{status.State}"]));

        // The camera beside it records on, and the host is healthy.
        await WaitAsync(async () => await SegmentsAsync(host, good.Id) >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal("streaming", (await op.GetFromJsonAsync<CameraStatusView>($"/api/cameras/{good.Id}/status", Ct))!.State);
        Assert.Equal(0, await SegmentsAsync(host, locked.Id));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        Assert.Single(await TechnicalEntriesAsync(host), e => e.StartsWith("Configuration invalide", StringComparison.Ordinal));

        // The password entered again: the camera is dialled and recorded at once.
        await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, new CameraId(locked.Id),
            new CameraInput(site.Id, "Parvis", simulator.UrlOf(2), null, "viewer", "stream-secret", 30), Ct);
        await WaitAsync(async () => await SegmentsAsync(host, locked.Id) >= 1, TimeSpan.FromSeconds(30));
        Assert.Equal("streaming", (await op.GetFromJsonAsync<CameraStatusView>($"/api/cameras/{locked.Id}/status", Ct))!.State);
    }

    private static string InCulture(string culture, Func<string> read)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static async Task<int> SegmentsAsync(TestHost host, Guid camera)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await db.RecordingSegments.CountAsync(s => s.CameraId == new CameraId(camera), Ct);
    }

    private static async Task<List<string>> TechnicalEntriesAsync(TestHost host) =>
        (await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante, new LogbookFilter(Category: LogbookCategory.Technical), Ct))
            .Select(e => e.Text).ToList();

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? explain = null)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, $"condition not met in time {explain?.Invoke()}");
            await Task.Delay(250, Ct);
        }
    }
}
