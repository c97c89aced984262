using Vigie.Bench;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vigie.Bench.Live;

/// <summary>
/// Debian's Chromium, headless, signed in to the console. Latency: a 2×2 wall plays for a window and the
/// player's latencies (capture time carried in each fragment header → <c>requestVideoFrameCallback</c>'s
/// presentation time) are collected. First frame: a 1×1 wall is opened on one camera after another and the
/// player reports the time from its start to the first presented frame.
/// </summary>
public sealed class BrowserProbe : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private BrowserProbe(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
    }

    public sealed record Result(double LatencyP50, double LatencyP95, int LatencySamples, double FirstFrameP50, double FirstFrameP95, int Openings);

    public static async Task<BrowserProbe> StartAsync(Uri baseAddress, string userName, string password)
    {
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        }).ConfigureAwait(false);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } }).ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync("/login").ConfigureAwait(false);
        await page.GetByLabel("Identifiant").FillAsync(userName).ConfigureAwait(false);
        await page.GetByLabel("Mot de passe").FillAsync(password).ConfigureAwait(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync().ConfigureAwait(false);
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal)).ConfigureAwait(false);
        return new BrowserProbe(playwright, browser, page);
    }

    public async Task<Result> MeasureAsync(IReadOnlyList<Guid> cameras, int windowSeconds, int openings)
    {
        await _page.GotoAsync($"/mur-d-images?layout=2x2&cameras={string.Join(',', cameras.Take(4))}").ConfigureAwait(false);
        await WaitAsync(s => s.Count == 4 && s.All(t => t.FirstFrameMs is not null)).ConfigureAwait(false);
        // Latencies after the start (the GOP cache is history by design, not latency).
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        await _page.EvaluateAsync("() => window.vigieLive.resetLatencies()").ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(windowSeconds)).ConfigureAwait(false);
        var latencies = (await StatsAsync().ConfigureAwait(false)).SelectMany(t => t.Latencies).ToList();

        var firstFrames = new List<double>();
        for (var i = 0; i < openings; i++)
        {
            await _page.GotoAsync($"/mur-d-images?layout=1x1&cameras={cameras[i % cameras.Count]}").ConfigureAwait(false);
            var stats = await WaitAsync(s => s.Count == 1 && s[0].FirstFrameMs is not null).ConfigureAwait(false);
            firstFrames.Add(stats[0].FirstFrameMs!.Value);
        }

        await _page.GotoAsync("/").ConfigureAwait(false);
        return new Result(Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95), latencies.Count, Percentiles.Of(firstFrames, 50), Percentiles.Of(firstFrames, 95), firstFrames.Count);
    }

    private sealed record TileStats(int Tile, double? FirstFrameMs, List<double> Latencies);

    private async Task<List<TileStats>> WaitAsync(Func<List<TileStats>, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var stats = await StatsAsync().ConfigureAwait(false);
            if (done(stats))
            {
                return stats;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("the wall did not play within 30 s");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private async Task<List<TileStats>> StatsAsync()
    {
        var json = await _page.EvaluateAsync<string>("() => JSON.stringify(window.vigieLive ? window.vigieLive.stats() : {})").ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var tiles = new List<TileStats>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var first = property.Value.GetProperty("firstFrameMs");
            tiles.Add(new TileStats(
                int.Parse(property.Name, CultureInfo.InvariantCulture),
                first.ValueKind == JsonValueKind.Number ? first.GetDouble() : null,
                property.Value.GetProperty("latencies").EnumerateArray().Select(v => v.GetDouble()).ToList()));
        }

        return tiles;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }
}
