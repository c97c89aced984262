using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Testing;
using static Vigie.E2E.PlaybackProbe;

namespace Vigie.E2E;

/// <summary>
/// Relecture in Debian's Chromium, against two recorded simulator cameras: the second one burns the
/// wall-clock time (Paris) into its frames, so the picture a click on the timeline shows can be read back
/// with Tesseract and compared with the instant clicked.
/// </summary>
public sealed partial class PlaybackTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_click_on_the_timeline_shows_the_frame_recorded_at_that_instant_and_two_cameras_play_in_sync_at_every_speed()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 2, Port = 0, LiveClock = true, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(5) });
        var site = await host.CreateSiteAsync("Entrepôt");
        var campus = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Parvis", simulator.UrlOf(1), null, null, null, 30), Ct);
        var clock = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Horloge", simulator.UrlOf(2), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var (first, _) = await RecordedSpans.WaitAsync(host, [clock.Id, campus.Id], TimeSpan.FromSeconds(25));
        // Motion the analytics saw on the campus camera (the runner's own test stores real ones): drawn on its row.
        await using (var db = host.Service<Vigie.Storage.Database.VigieDbFactory>().CreateDbContext())
        {
            db.MotionRanges.Add(new Vigie.Domain.Cameras.MotionRange(new Vigie.Domain.CameraId(campus.Id), first.AddSeconds(5), first.AddSeconds(9), 0.1));
            await db.SaveChangesAsync(Ct);
        }

        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        var start = first.AddSeconds(2);
        await page.GotoAsync($"/relecture?cameras={clock.Id},{campus.Id}&at={start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        await page.Locator(".playback-clock").WaitForAsync(new() { Timeout = 20_000 });

        // Both cameras play, side by side at the same recorded instant.
        var playing = await WaitForAsync(page, s => s.Players.All(p => p.Shown && p.ReadyState >= 2), "both cameras showing a picture");
        await Task.Delay(2500, Ct);
        var later = await StateAsync(page);
        Assert.True(later.ClockMs - playing.ClockMs > 1500, $"the clock did not run: {playing.ClockMs} → {later.ClockMs}");
        Assert.All(later.Players, p => Assert.True(p.CurrentWallMs > playing.Players.First(q => q.Camera == p.Camera).CurrentWallMs + 1000, $"{p.Camera} does not play"));
        Assert.InRange(Math.Abs(later.Players[0].CurrentWallMs!.Value - later.Players[1].CurrentWallMs!.Value), 0, 500);

        // Pause, zoom to five minutes and click the timeline 12.4 s into the recordings.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        for (var i = 0; i < 4; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom avant" }).ClickAsync();
        }

        var timeline = page.Locator("canvas.timeline-canvas");
        var box = (await timeline.BoundingBoxAsync())!;
        var viewStart = double.Parse((await timeline.GetAttributeAsync("data-view-start"))!, CultureInfo.InvariantCulture);
        var viewEnd = double.Parse((await timeline.GetAttributeAsync("data-view-end"))!, CultureInfo.InvariantCulture);

        // The motion band: on the campus camera's row (the second) at 7 s, not on the clock's row, not at 20 s.
        await Assertions.Expect(timeline).ToHaveAttributeAsync("data-motion-ranges", "1");
        var motionX = (first.AddSeconds(7).ToUnixTimeMilliseconds() - viewStart) / (viewEnd - viewStart) * box.Width;
        var quietX = (first.AddSeconds(20).ToUnixTimeMilliseconds() - viewStart) / (viewEnd - viewStart) * box.Width;
        Assert.Equal("116,192,252", await CanvasColourAsync(page, motionX, 20 + 18 + 12));
        Assert.NotEqual("116,192,252", await CanvasColourAsync(page, motionX, 20 + 12));
        Assert.NotEqual("116,192,252", await CanvasColourAsync(page, quietX, 20 + 18 + 12));
        Assert.Contains("mouvement", await page.Locator(".timeline-legend").TextContentAsync(), StringComparison.Ordinal);
        var wanted = first.AddSeconds(12.4).ToUnixTimeMilliseconds();
        var x = (wanted - viewStart) / (viewEnd - viewStart) * box.Width;
        await timeline.ClickAsync(new() { Position = new Position { X = (float)x, Y = 25 } });
        var clicked = (await StateAsync(page)).ClockMs;
        Assert.InRange(Math.Abs(clicked - wanted), 0, 1000);

        // The player shows the frame recorded at the instant clicked, and says so.
        var shown = await WaitForAsync(page, s => !s.Playing && s.Players[0].Shown && s.Players[0].ReadyState >= 2 && Math.Abs(s.Players[0].CurrentWallMs!.Value - clicked) < 50, "the clicked frame on screen");
        Assert.Equal(clicked, shown.ClockMs, 1.0);
        await Task.Delay(500, Ct);
        var label = await page.Locator(".playback-clock").TextContentAsync();
        Assert.Contains(ParisText(clicked), label, StringComparison.Ordinal);
        var burnt = await ReadBurntTimeAsync(page, clock.Id);
        // The burnt-in clock is whole seconds (rounded down) of the camera's own time: the frame of instant T
        // shows a second S with S <= T < S + 1, give or take the camera-to-Vigie delay.
        var error = (clicked - burnt.ToUnixTimeMilliseconds() - 500) / 1000.0;
        Assert.True(Math.Abs(error) <= 1.0, $"clicked {ParisText(clicked)}, the picture says {burnt:HH:mm:ss} (error {error:0.00} s)");
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-playback-clicked.png") });

        // One frame forward: 40 ms at 25 fps, the picture follows.
        await page.GetByRole(AriaRole.Button, new() { Name = "Image suivante" }).ClickAsync();
        var stepped = await WaitForAsync(page, s => s.Players[0].Shown && s.Players[0].CurrentWallMs > clicked + 1, "one frame forward");
        Assert.InRange(stepped.ClockMs - clicked, 30, 50);

        // ×4: four recorded seconds per second, both cameras still together.
        await page.GetByRole(AriaRole.Button, new() { Name = "Vitesse ×4" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lecture", Exact = true }).ClickAsync();
        var fast = await WaitForAsync(page, s => s.Playing && s.Players.All(p => p.Shown), "playing at ×4");
        await Task.Delay(2000, Ct);
        var faster = await StateAsync(page);
        Assert.Equal(4, faster.Rate);
        Assert.True(faster.ClockMs - fast.ClockMs > 5000, $"×4 ran {faster.ClockMs - fast.ClockMs} ms in 2 s");
        Assert.All(faster.Players, p => Assert.True(p.CurrentWallMs > fast.Players.First(q => q.Camera == p.Camera).CurrentWallMs + 4000, $"{p.Camera} does not keep up at ×4"));
        Assert.InRange(Math.Abs(faster.Players[0].CurrentWallMs!.Value - faster.Players[1].CurrentWallMs!.Value), 0, 1500);
    }

    /// <summary>
    /// Reads the time the live-clock simulator burnt into the frame on screen (Paris time, whole seconds):
    /// the video's current picture is drawn into a canvas, the band across its middle where the text sits
    /// is kept, doubled in size and reduced to black text (the white pixels) on white, which Tesseract
    /// reads reliably whatever colour bar is behind a digit.
    /// </summary>
    private static async Task<DateTimeOffset> ReadBurntTimeAsync(IPage page, Guid camera)
    {
        const string Script = """
            (selector) => {
              const video = document.querySelector(selector);
              const width = video.videoWidth, height = video.videoHeight;
              const top = Math.floor(height * 0.4), band = Math.floor(height * 0.2);
              const canvas = document.createElement('canvas');
              canvas.width = width * 2;
              canvas.height = band * 2;
              const g = canvas.getContext('2d');
              g.drawImage(video, 0, top, width, band, 0, 0, canvas.width, canvas.height);
              const image = g.getImageData(0, 0, canvas.width, canvas.height);
              const d = image.data;
              for (let i = 0; i < d.length; i += 4) {
                const ink = d[i] > 190 && d[i + 1] > 190 && d[i + 2] > 190 ? 0 : 255;
                d[i] = d[i + 1] = d[i + 2] = ink;
                d[i + 3] = 255;
              }
              g.putImageData(image, 0, 0);
              return canvas.toDataURL('image/png').split(',')[1];
            }
            """;
        var png = await page.EvaluateAsync<string>(Script, $".playback-tile[data-camera='{camera}'] video");
        var path = Browser.ArtifactPath("e2e-playback-burnt-time.png");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(png), Ct);
        var startInfo = new ProcessStartInfo("tesseract", [path, "stdout", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789-: "]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(startInfo)!;
        var text = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        var match = BurntTime().Match(text);
        Assert.True(match.Success, $"Tesseract read \"{text.Trim()}\" from {path}");
        var local = DateTime.ParseExact($"{match.Groups[1].Value}-{match.Groups[2].Value}-{match.Groups[3].Value} {match.Groups[4].Value}:{match.Groups[5].Value}:{match.Groups[6].Value}",
            "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    [GeneratedRegex(@"(\d{4})\s*-\s*(\d{2})\s*-\s*(\d{2})\s*(\d{2})\s*:\s*(\d{2})\s*:\s*(\d{2})")]
    private static partial Regex BurntTime();

    private static string ParisText(double unixMs)
    {
        var paris = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds((long)unixMs), Paris);
        return paris.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>The timeline canvas's colour at a point in CSS pixels, as "r,g,b".</summary>
    private static Task<string> CanvasColourAsync(IPage page, double x, double y) =>
        page.EvaluateAsync<string>("""
            ([x, y]) => {
              const canvas = document.querySelector('canvas.timeline-canvas');
              const ratio = canvas.width / canvas.clientWidth;
              const [r, g, b] = canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
              return `${r},${g},${b}`;
            }
            """, new[] { x, y });
}
