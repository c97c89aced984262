using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigie.Storage.Database;
using Vigie.Testing;
using static Vigie.E2E.PlaybackProbe;

namespace Vigie.E2E;

/// <summary>
/// Relecture from an instant where nothing is recorded — before the first recording, in a gap, after the
/// last, on a camera that never recorded — and through a lost connection: the page plays what there is
/// and says plainly what it did, and never stays on "Chargement…".
/// </summary>
public sealed partial class PlaybackWithoutRecordingTests(RecordedCameraFixture camera) : IClassFixture<RecordedCameraFixture>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task An_instant_before_the_first_recording_plays_from_the_first_recording_and_says_so()
    {
        var asked = WholeSeconds(camera.First.AddMinutes(-10));
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAsync(browser, $"cameras={camera.Quai.Id}&at={Iso(asked)}");

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = LaterStart() });
        await notice.WaitForAsync();
        var said = LaterStart().Match(await notice.InnerTextAsync());
        Assert.Equal(ParisTime(asked), said.Groups["asked"].Value);
        Assert.Equal(ParisTime(camera.First), said.Groups["start"].Value);

        var playing = await WaitForPlayingAsync(page, camera.Quai.Id.ToString());
        Assert.InRange(playing.Players[0].CurrentWallMs!.Value, camera.First.ToUnixTimeMilliseconds(), camera.First.AddSeconds(30).ToUnixTimeMilliseconds());
        Assert.Equal(0, await page.GetByText("Chargement…").CountAsync());
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-playback-before-first.png") });
    }

    [Fact]
    public async Task An_instant_in_a_gap_between_two_recordings_plays_from_the_next_one_and_says_so()
    {
        // Take the second recorded segment out: its five seconds become a hole between two recordings.
        var segments = await camera.SegmentsAsync();
        Assert.True(segments.Count >= 3, $"{segments.Count} segments");
        var (removed, next) = (segments[1], segments[2]);
        await using (var db = camera.Host.Service<VigieDbFactory>().CreateDbContext())
        {
            await db.RecordingSegments.Where(s => s.Id == removed.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        File.Delete(Path.Combine(camera.Host.DataFolder, "recordings", removed.Path));
        var asked = WholeSeconds(removed.StartsAt.AddSeconds(2));
        Assert.True(asked < next.StartsAt.AddSeconds(-1), "the instant asked must fall in the hole");

        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAsync(browser, $"cameras={camera.Quai.Id}&at={Iso(asked)}");

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = LaterStart() });
        await notice.WaitForAsync();
        var said = LaterStart().Match(await notice.InnerTextAsync());
        Assert.Equal(ParisTime(asked), said.Groups["asked"].Value);
        Assert.Equal(ParisTime(next.StartsAt), said.Groups["start"].Value);
        var playing = await WaitForPlayingAsync(page, camera.Quai.Id.ToString());
        Assert.True(playing.Players[0].CurrentWallMs >= next.StartsAt.ToUnixTimeMilliseconds(), "played from inside the hole");
    }

    [Fact]
    public async Task An_instant_after_the_last_recording_says_so_and_offers_to_play_the_last_one()
    {
        var asked = WholeSeconds(TimeProvider.System.GetUtcNow().AddHours(1));
        await using var browser = await Browser.LaunchAsync();
        var page = await OpenAsync(browser, $"cameras={camera.Quai.Id},{camera.Reserve.Id}&at={Iso(asked)}");

        var quai = page.Locator($".playback-tile[data-camera='{camera.Quai.Id}']");
        var reserve = page.Locator($".playback-tile[data-camera='{camera.Reserve.Id}']");
        await quai.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = NothingAfter() }).WaitForAsync();
        await reserve.GetByRole(AriaRole.Status).Filter(new() { HasText = "Cette caméra n'a encore rien enregistré" }).WaitForAsync();
        Assert.Equal(0, await page.GetByText("Chargement…").CountAsync());
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-playback-after-last.png") });

        var offer = quai.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Relire depuis (\\S+ )?\\d{2}:\\d{2}:\\d{2}$") });
        await offer.ClickAsync();
        var playing = await WaitForPlayingAsync(page, camera.Quai.Id.ToString());
        Assert.True(playing.Players[0].CurrentWallMs > TimeProvider.System.GetUtcNow().AddMinutes(-2).ToUnixTimeMilliseconds(), "the offer plays the last recording");
        await quai.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = NothingAfter() }).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    [Fact]
    public async Task A_lost_connection_says_so_and_playback_resumes_by_itself_where_it_stopped()
    {
        var refuse = false;
        var connections = 0;
        IWebSocketRoute? current = null;
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, camera.Host.BaseAddress, "op", TestHost.Password);
        await page.RouteWebSocketAsync(new Regex("/playback"), socket =>
        {
            Interlocked.Increment(ref connections);
            Volatile.Write(ref current, socket);
            if (Volatile.Read(ref refuse))
            {
                // Out of reach: the connection drops as soon as it is made.
                _ = socket.CloseAsync(new() { Code = 1011, Reason = "unreachable" });
                return;
            }

            socket.ConnectToServer();
        });
        // Recent recordings, contiguous: nothing moves the clock but playing on.
        var asked = WholeSeconds((await camera.SegmentsAsync())[^3].StartsAt.AddSeconds(1));
        await page.GotoAsync($"/relecture?cameras={camera.Quai.Id}&at={Iso(asked)}");
        var before = await WaitForPlayingAsync(page, camera.Quai.Id.ToString());

        Volatile.Write(ref refuse, true);
        await Volatile.Read(ref current)!.CloseAsync(new() { Code = 1011, Reason = "network lost" });
        var lost = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connexion au serveur perdue — nouvelle tentative automatique…" });
        await lost.WaitForAsync();
        await lost.GetByRole(AriaRole.Button, new() { Name = "Réessayer maintenant" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-playback-connection-lost.png") });
        var stopped = (await StateAsync(page)).ClockMs;
        Assert.True(stopped >= before.ClockMs, $"the clock went back when the connection was lost: {before.ClockMs} → {stopped}");
        // The page tries again by itself (refused while the network is "down"), then gets through.
        var beforeRetries = Volatile.Read(ref connections);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (Volatile.Read(ref connections) == beforeRetries)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the page did not try again");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Volatile.Write(ref refuse, false);
        await lost.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 20_000 });
        var resumed = await WaitForPlayingAsync(page, camera.Quai.Id.ToString());
        Assert.InRange(resumed.Players[0].CurrentWallMs!.Value, stopped - 2000, stopped + 30_000);
        Assert.True(resumed.Players[0].CurrentWallMs > before.Players[0].CurrentWallMs, "playback went back instead of resuming");
    }

    private async Task<IPage> OpenAsync(Browser browser, string query)
    {
        var page = await ConsoleSession.SignInAsync(browser, camera.Host.BaseAddress, "op", TestHost.Password);
        await ConsoleSession.OpenAsync(page, $"/relecture?{query}", p => p.GetByRole(AriaRole.Heading, new() { Name = "Relecture" }));
        return page;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ParisTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    // Times are HH:mm:ss, with the date in front when the two instants are not on the same Paris day.
    [GeneratedRegex(@"Rien d'enregistré à (?:\S+ )?(?<asked>\d{2}:\d{2}:\d{2}) — lecture depuis (?:\S+ )?(?<start>\d{2}:\d{2}:\d{2}), le premier enregistrement suivant\.")]
    private static partial Regex LaterStart();

    [GeneratedRegex(@"Rien d'enregistré après (?:\S+ )?\d{2}:\d{2}:\d{2} : le dernier enregistrement s'arrête à (?:\S+ )?\d{2}:\d{2}:\d{2}\.")]
    private static partial Regex NothingAfter();
}
