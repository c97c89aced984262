using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>The live wall in Debian's Chromium: real simulator cameras, the real host, MSE playback.</summary>
public sealed class VideoWallTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_2x2_wall_plays_every_camera_and_a_stopped_camera_shows_flux_indisponible_then_recovers_by_itself()
    {
        await using var cameras = await StartSimulatorAsync(3);
        // The fourth camera has its own simulator, so it can be stopped alone.
        await using var fragile = await StartSimulatorAsync(1);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Entrepôt");
        var ids = new List<Guid>();
        foreach (var (name, url) in new[] { ("Quai 1", cameras.UrlOf(1)), ("Quai 2", cameras.UrlOf(2)), ("Portail", cameras.UrlOf(3)), ("Toit", fragile.UrlOf(1)) })
        {
            var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, name, url, null, null, null, 30), Ct);
            ids.Add(camera.Id);
        }

        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GotoAsync($"/mur-d-images?layout=2x2&cameras={string.Join(',', ids)}");
        await page.Locator(".wall-tile[data-tile='3'] .tile-name").WaitForAsync(new() { Timeout = 20_000 });
        var first = await WaitForPlayingAsync(page, [0, 1, 2, 3]);
        await Task.Delay(2000, Ct);
        var later = await StatsAsync(page);
        for (var tile = 0; tile < 4; tile++)
        {
            Assert.True(later[tile].CurrentTime > first[tile].CurrentTime + 1, $"tile {tile}: video.currentTime did not advance ({first[tile].CurrentTime} → {later[tile].CurrentTime})");
        }

        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-wall-2x2.png") });

        // Camera 4 stops: its tile says so, the others keep playing.
        await fragile.EndSessionsAsync(TimeSpan.FromSeconds(1));
        var down = page.Locator(".wall-tile[data-tile='3'] .tile-down");
        await down.GetByText("Flux indisponible").WaitForAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-wall-camera-down.png") });
        var whileDown = await StatsAsync(page);
        await Task.Delay(1500, Ct);
        var stillPlaying = await StatsAsync(page);
        for (var tile = 0; tile < 3; tile++)
        {
            Assert.True(stillPlaying[tile].CurrentTime > whileDown[tile].CurrentTime + 0.5, $"tile {tile} stopped while another camera was down");
        }

        // It comes back: the tile recovers with no operator action.
        fragile.Resume();
        await down.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
        var back = await WaitForPlayingAsync(page, [3]);
        await Task.Delay(1500, Ct);
        Assert.True((await StatsAsync(page))[3].CurrentTime > back[3].CurrentTime + 0.5, "the recovered camera does not play");

        // The operator saves this wall under a name and gets it back on an empty wall.
        await page.GetByPlaceholder("Nom de la disposition").FillAsync("Nuit — entrepôt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la disposition" }).ClickAsync();
        await page.GetByText("Disposition « Nuit — entrepôt » enregistrée.").WaitForAsync();
        await page.GotoAsync("/mur-d-images");
        await page.Locator(".wall-tile .tile-empty").First.WaitForAsync();
        await page.Locator("#wall-saved").SelectOptionAsync("Nuit — entrepôt");
        await page.Locator(".wall-tile[data-tile='3'] .tile-name").GetByText("Toit").WaitForAsync();
        await WaitForPlayingAsync(page, [0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_camera_that_sends_b_frames_plays_on_the_wall_at_its_frame_rate_with_no_frame_corrupted()
    {
        // x264 main profile with two B-frames between references, as main/high-profile cameras send them.
        await using var camera = await Vigie.Media.Tests.Rtsp.GstRtspServerPeer.StartAsync("h264", bFrames: 2);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System });
        var site = await host.CreateSiteAsync("Parking");
        var saved = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Entrée B", camera.Uri.ToString(), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);

        await page.GotoAsync($"/mur-d-images?layout=1x1&cameras={saved.Id}");
        var started = await WaitForPlayingAsync(page, [0]);
        var before = await VideoQualityAsync(page);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(4000, Ct);
        var after = await VideoQualityAsync(page);
        var elapsed = clock.Elapsed.TotalSeconds;
        var played = (await StatsAsync(page))[0].CurrentTime - started[0].CurrentTime;

        // The video clock follows the wall clock (decode times taken as presentation times would stretch it,
        // and the player would stall or skip), allowing the live player's catch-up after a slow start.
        Assert.InRange(played, elapsed * 0.7, (elapsed * 1.25) + 1);
        var decoded = after.Total - before.Total;
        Assert.True(decoded >= elapsed * 25 * 0.8, $"{decoded} frames decoded in {elapsed:F1} s");
        Assert.Equal(0, after.Corrupted);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-wall-b-frames.png") });
    }

    private static async Task<(int Total, int Corrupted)> VideoQualityAsync(IPage page)
    {
        var quality = await page.EvaluateAsync<int[]>(
            "() => { const q = document.querySelector(\".wall-tile[data-tile='0'] video\").getVideoPlaybackQuality(); return [q.totalVideoFrames, q.corruptedVideoFrames]; }");
        return (quality[0], quality[1]);
    }

    private static async Task<CameraSimulator> StartSimulatorAsync(int count)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = count, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        return simulator;
    }

    private static async Task<Dictionary<int, TileStats>> WaitForPlayingAsync(IPage page, int[] tiles)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var stats = await StatsAsync(page);
            if (tiles.All(t => stats.TryGetValue(t, out var s) && s.CurrentTime > 0 && s.FirstFrameMs is not null))
            {
                return stats;
            }

            if (TimeProvider.System.GetUtcNow() >= deadline)
            {
                // What the server says of the wall's cameras, so that a failure under load tells whether the camera
                // or the player was at fault.
                var server = await page.EvaluateAsync<string>(
                    "async () => { const ids = [...document.querySelectorAll('.wall-tile[data-camera]')].map(t => t.dataset.camera); " +
                    "const out = []; for (const id of ids) { const r = await fetch(`/api/cameras/${id}/status`); out.push(id + ' ' + r.status + ' ' + await r.text()); } return out.join('\\n'); }");
                Assert.Fail($"tiles not playing after 30 s: {JsonSerializer.Serialize(stats)}\nserver: {server}");
            }

            await Task.Delay(250, Ct);
        }
    }

    private static async Task<Dictionary<int, TileStats>> StatsAsync(IPage page)
    {
        using var document = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.vigieLive ? window.vigieLive.stats() : {})"));
        var json = document.RootElement;
        var result = new Dictionary<int, TileStats>();
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            result[int.Parse(property.Name, System.Globalization.CultureInfo.InvariantCulture)] = new TileStats(
                value.GetProperty("currentTime").GetDouble(),
                value.GetProperty("firstFrameMs").ValueKind == JsonValueKind.Number ? value.GetProperty("firstFrameMs").GetDouble() : null,
                value.GetProperty("state").GetString()!);
        }

        return result;
    }

    private sealed record TileStats(double CurrentTime, double? FirstFrameMs, string State);
}
