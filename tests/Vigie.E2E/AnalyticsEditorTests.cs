using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>
/// The analytics rules editor in Debian's Chromium: an administrator draws an intrusion zone and a line on a recorded
/// simulator camera's picture with the mouse, saves, and the rules the server keeps are the ones drawn, audited; rules
/// that cannot be used are refused with the problem named and nothing saved.
/// </summary>
public sealed class AnalyticsEditorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_drags_a_zone_on_the_picture_and_the_saved_rules_are_the_ones_drawn()
    {
        await using var recorded = await SimulatedRecordedCamera.StartAsync("Campus", "Parvis", Ct);
        var (host, site, camera) = (recorded.Host, recorded.Site, recorded.Camera);
        await host.CreatePersonAsync("admin", Role.Administrator);
        await host.CreatePersonAsync("auditor", Role.Auditor, [site]);
        await WaitForStreamingAsync(host, camera.Id);

        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);
        // From the site's camera list.
        await ConsoleSession.OpenAsync(page, $"/sites/{site.Id}", p => p.GetByRole(AriaRole.Link, new() { Name = "Analyse vidéo — Parvis" }));
        await page.GetByRole(AriaRole.Link, new() { Name = "Analyse vidéo — Parvis" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Analyse vidéo — caméra « Parvis »" }).WaitForAsync();
        // The camera's picture (vtest.avi, 768×576) is the drawing's background; shapes are in its pixels.
        var root = page.Locator(".analytics-root");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-picture-width", "768", new() { Timeout = 20_000 });

        // An intrusion zone: a rectangle to start with, its first corner dragged to (100, 80) of the picture.
        await page.GetByRole(AriaRole.Button, new() { Name = "Intrusion", Exact = true }).ClickAsync();
        var overlay = page.Locator("svg.analytics-overlay");
        var box = (await overlay.BoundingBoxAsync())!;
        var corner = page.Locator("svg.analytics-overlay circle.handle[data-point='0']");
        var from = (await corner.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (100f / 768 * box.Width), box.Y + (80f / 576 * box.Height), new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.GetByLabel("Durée minimale (s)").FillAsync("2");

        // A line crossing, left to right only.
        await page.GetByRole(AriaRole.Button, new() { Name = "Franchissement de ligne", Exact = true }).ClickAsync();
        await page.GetByLabel("Sens").SelectOptionAsync("left-to-right");
        await page.GetByLabel("Analyse activée sur cette caméra").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await SaveAnsweredAsync(page, "Règles enregistrées");
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-analytics-editor.png"), FullPage = true });

        using var admin = await host.ClientAsync("admin");
        var saved = await SettingsAsync(admin, camera.Id);
        Assert.True(saved.GetProperty("enabled").GetBoolean());
        var rules = saved.GetProperty("rules").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["intrusion", "line"], rules.Select(r => r.GetProperty("kind").GetString()));
        var zone = rules[0].GetProperty("zone").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        Assert.Equal(4, zone.Count);
        Assert.InRange(zone[0].Item1, 92, 108);
        Assert.InRange(zone[0].Item2, 72, 88);
        Assert.Equal(2, rules[0].GetProperty("dwellSeconds").GetDouble());
        Assert.Equal("left-to-right", rules[1].GetProperty("direction").GetString());
        Assert.Equal(2, rules[1].GetProperty("line").GetArrayLength());

        // The change is in the audit journal.
        using (var auditor = await host.ClientAsync("auditor"))
        {
            var journal = await auditor.GetStringAsync(new Uri("/api/audit", UriKind.Relative), Ct);
            Assert.Contains("Analyse vidéo de la caméra « Parvis » activée, 2 règle(s) : intrusion-1, line-1", journal, StringComparison.Ordinal);
        }

        // A line with one point, through the advanced JSON: refused, the problem named, nothing saved.
        await page.GetByText("JSON avancé (programmations)").ClickAsync();
        // The JSON view shows the rules as drawn.
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "JSON avancé (programmations)" })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"line-1\""));
        await page.GetByRole(AriaRole.Textbox, new() { Name = "JSON avancé (programmations)" }).FillAsync("""{ "rules": [ { "id": "portail", "kind": "line", "line": [[10, 10]] } ] }""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await SaveAnsweredAsync(page, "Règles refusées");
        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Règles refusées" });
        Assert.Contains("rule 'portail': a line needs exactly two points", await refusal.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await SettingsAsync(admin, camera.Id)).GetProperty("rules").GetProperty("rules").GetArrayLength());

        // Opened again, the editor shows what is saved.
        await ConsoleSession.OpenAsync(page, $"/cameras/{camera.Id}/analyse", p => p.Locator(".analytics-rule[data-rule='line-1']"));
        Assert.Equal(2, await page.Locator(".analytics-rule").CountAsync());
        Assert.Equal(2, await page.Locator("svg.analytics-overlay polygon.shape-zone, svg.analytics-overlay polyline.shape-line").CountAsync());
    }

    [Fact]
    public async Task An_operator_cannot_open_the_editor_and_the_api_refuses_their_change()
    {
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow());
        var site = await host.CreateSiteAsync("Campus");
        var camera = await host.CreateCameraAsync(site, "Parvis");
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await page.GotoAsync($"/cameras/{camera.Id}/analyse");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Accès refusé" }).WaitForAsync();
        Assert.Equal(0, await page.Locator(".analytics-root").CountAsync());
        using var op = await host.ClientAsync("op");
        var refused = await op.PutAsJsonAsync($"/api/cameras/{camera.Id}/analytics", new { enabled = true, rules = new { rules = Array.Empty<object>() } }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>
    /// Waits for the page's answer to « Enregistrer » (the one expected: an earlier answer may still be on screen
    /// until the server has handled the click) and, without it, says what the page shows.
    /// </summary>
    private static async Task SaveAnsweredAsync(IPage page, string expected)
    {
        var answer = page.Locator("[role=status], [role=alert]").Filter(new() { HasText = expected });
        try
        {
            await answer.First.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-analytics-editor-no-answer.png"), FullPage = true });
            Assert.Fail($"no « {expected} » within 30 s of « Enregistrer »; the page says: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    private static async Task<JsonElement> SettingsAsync(HttpClient client, Guid camera) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/cameras/{camera}/analytics", UriKind.Relative), Ct)).RootElement;

    private static async Task WaitForStreamingAsync(TestHost host, Guid camera)
    {
        var recorders = host.Service<Vigie.Media.Cameras.ICameraRecorders>();
        for (var i = 0; i < 150; i++)
        {
            if (recorders.StatusOf(new Vigie.Domain.CameraId(camera)).State == "streaming")
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("the camera never streamed");
    }
}
