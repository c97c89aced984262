using System.Text.Json;
using Microsoft.Playwright;

namespace Vigie.E2E;

/// <summary>What the Relecture page's players show, read from <c>window.vigiePlayback.state()</c> (playback.js).</summary>
internal static class PlaybackProbe
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record PlayerState(string Camera, string State, double? CurrentWallMs, bool Shown, int ReadyState);

    public sealed record SessionState(double ClockMs, bool Playing, double Rate, IReadOnlyList<PlayerState> Players);

    public static async Task<SessionState> StateAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.vigiePlayback ? window.vigiePlayback.state() : null)");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            return new SessionState(0, false, 0, []);
        }

        var players = root.GetProperty("players").EnumerateArray().Select(p => new PlayerState(
            p.GetProperty("camera").GetString()!,
            p.GetProperty("state").GetString()!,
            p.GetProperty("currentWallMs").ValueKind == JsonValueKind.Number ? p.GetProperty("currentWallMs").GetDouble() : null,
            p.GetProperty("shown").GetBoolean(),
            p.GetProperty("readyState").GetInt32())).ToList();
        return new SessionState(root.GetProperty("clockMs").GetDouble(), root.GetProperty("playing").GetBoolean(), root.GetProperty("rate").GetDouble(), players);
    }

    /// <summary>Polls the players until <paramref name="condition"/> holds (30 s at most), and returns what they showed then.</summary>
    public static async Task<SessionState> WaitForAsync(IPage page, Func<SessionState, bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var state = await StateAsync(page);
            if (state.Players.Count > 0 && condition(state))
            {
                return state;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"not {what} after 30 s: {JsonSerializer.Serialize(state)}");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>
    /// Waits until the player of <paramref name="camera"/> shows a picture, then checks that its video plays on:
    /// its recorded instant advances by more than a second within a few seconds.
    /// </summary>
    public static async Task<SessionState> WaitForPlayingAsync(IPage page, string camera)
    {
        var shown = await WaitForAsync(page, s => s.Players.Single(p => p.Camera == camera) is { Shown: true, ReadyState: >= 2 }, $"camera {camera} showing a picture");
        var before = shown.Players.Single(p => p.Camera == camera).CurrentWallMs!.Value;
        return await WaitForAsync(page, s => s.Players.Single(p => p.Camera == camera) is { Shown: true, CurrentWallMs: { } now } && now > before + 1000, $"camera {camera} playing on");
    }
}
