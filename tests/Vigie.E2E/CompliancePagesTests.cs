using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Masks;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>
/// The law on images in the console, in Debian's Chromium: a supervisor draws a privacy mask, the wall draws it over
/// the live picture (and an operator sees it too), the supervisor lifts it with a reason; a judicial export from the
/// recordings page places a legal hold that the supervisor releases with a reason on the Registres page.
/// </summary>
public sealed class CompliancePagesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_registers_an_access_request_blurs_a_passer_by_and_answers_it()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(3) });
        var site = await host.CreateSiteAsync("Galerie");
        await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Allée", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var camera = (await host.Service<SiteService>().ListCamerasAsync(TestHost.SystemAdministrator, null, Ct))[0];
        var (first, _) = await RecordedSpans.WaitAsync(host, [camera.Id], TimeSpan.FromSeconds(10));
        var from = TimeZoneInfo.ConvertTime(first, Paris).AddSeconds(1);

        await using var browser = await Browser.LaunchAsync();
        var op = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await ConsoleSession.OpenAsync(op, "/droit-acces", p => p.Locator("#access-register"));
        await op.Locator("#access-requester").FillAsync("Jeanne Durand");
        await op.Locator("#access-contact").FillAsync("jeanne.durand@example.org");
        await op.Locator("#access-from").FillAsync(from.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        await op.Locator("#access-to").FillAsync(from.AddSeconds(6).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        await op.Locator("#access-register").ClickAsync();
        var row = op.GetByRole(AriaRole.Table, new() { Name = "Demandes de droit d'accès" }).GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Jeanne Durand" });
        await Assertions.Expect(row).ToContainTextAsync("ouverte");

        // Two positions of a passer-by: drawn at the start, the slider moved, drawn again further right.
        await row.GetByRole(AriaRole.Button, new() { Name = "Préparer l'extrait" }).ClickAsync();
        var stage = op.Locator(".redaction-editor svg.analytics-overlay");
        await stage.WaitForAsync();
        await op.Locator(".redaction-editor img.analytics-picture").EvaluateAsync("img => img.decode()");
        await DragAsync(op, stage, (0.1, 0.3), (0.25, 0.7));
        await op.Locator("#redaction-time").EvaluateAsync("s => { s.value = '4'; s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); }");
        await DragAsync(op, stage, (0.6, 0.3), (0.75, 0.7));
        await Assertions.Expect(op.Locator(".analytics-root")).ToHaveAttributeAsync("data-tracks", "1");
        await Assertions.Expect(op.Locator(".redaction-editor .analytics-rule")).ToContainTextAsync("2 position(s)");
        await op.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-access-redaction.png"), FullPage = true });
        await op.Locator("#redaction-export").ClickAsync();
        await op.Locator("#access-export-state").GetByText("Terminé").WaitForAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(row).ToContainTextAsync("Registre des extractions n°");

        // Answered: the row says so.
        await row.GetByRole(AriaRole.Button, new() { Name = "Clore" }).ClickAsync();
        await row.GetByLabel("Réponse donnée").FillAsync("Extrait expurgé remis en main propre");
        await row.GetByRole(AriaRole.Button, new() { Name = "Répondu" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("répondue");
    }

    private static async Task DragAsync(IPage page, ILocator stage, (double X, double Y) from, (double X, double Y) to)
    {
        var box = (await stage.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync((float)(box.X + (from.X * box.Width)), (float)(box.Y + (from.Y * box.Height)));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + (to.X * box.Width)), (float)(box.Y + (to.Y * box.Height)), new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task A_supervisor_draws_a_mask_the_wall_shows_it_and_a_judicial_hold_is_released_with_a_reason()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(3) });
        var site = await host.CreateSiteAsync("Résidence");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Parking", simulator.UrlOf(1), null, null, null), Ct);
        await host.CreatePersonAsync("chef", Role.Supervisor, [site]);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var (first, _) = await RecordedSpans.WaitAsync(host, [camera.Id], TimeSpan.FromSeconds(8));

        await using var browser = await Browser.LaunchAsync();
        var chef = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "chef", TestHost.Password);

        // Draw: one mask added where the editor puts it, saved.
        await ConsoleSession.OpenAsync(chef, $"/cameras/{camera.Id}/masques", p => p.Locator("#mask-add"));
        await chef.Locator("#mask-add").ClickAsync();
        await chef.Locator(".masks-editor polygon").WaitForAsync();
        await chef.Locator("#masks-save").ClickAsync();
        await Assertions.Expect(chef.GetByText("Masques enregistrés.")).ToBeVisibleAsync();
        var saved = await host.Service<MaskService>().GetAsync(TestHost.SystemAdministrator, new Vigie.Domain.CameraId(camera.Id), Ct);
        Assert.Equal(4, Assert.Single(saved.Polygons).Count);

        // The wall of an operator draws it over the live picture, inside the picture's box.
        var op = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        await op.GotoAsync($"/mur-d-images?layout=1x1&cameras={camera.Id}");
        var layer = op.Locator(".wall-tile svg.privacy-masks");
        await layer.WaitForAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(layer.Locator("polygon")).ToHaveCountAsync(1);
        await op.WaitForFunctionAsync("() => { const v = document.querySelector('.wall-tile video'); return v && v.videoWidth > 0 && v.style.visibility !== 'hidden'; }", null, new() { Timeout = 20_000 });
        // Drawn: opaque black, laid over the video (not in the page's flow).
        Assert.Equal("absolute|rgb(0, 0, 0)|1", await op.EvaluateAsync<string>(
            "() => { const l = document.querySelector('.wall-tile svg.privacy-masks'); const p = getComputedStyle(l.querySelector('polygon')); return `${getComputedStyle(l).position}|${p.fill}|${p.fillOpacity}`; }"));
        var box = await layer.BoundingBoxAsync();
        Assert.True(box is { Width: > 50, Height: > 20 }, $"mask layer box {box?.Width}×{box?.Height}");
        await op.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-wall-mask.png") });

        // Masked by the server: the operator's playback says why there is no picture.
        await chef.Locator("#masks-server-side").CheckAsync();
        await chef.Locator("#masks-save").ClickAsync();
        await Assertions.Expect(chef.GetByText("Masques enregistrés.")).ToBeVisibleAsync();
        await op.GotoAsync($"/relecture?cameras={camera.Id}&back=20");
        await Assertions.Expect(op.GetByText("Caméra masquée par le serveur")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Lifted for a while with a reason: the page says until when.
        await chef.Locator("#mask-lift-reason").FillAsync("Identification d'un véhicule");
        await chef.Locator("#mask-lift").ClickAsync();
        await Assertions.Expect(chef.GetByText("Masques levés pour vous jusqu'à")).ToBeVisibleAsync();

        // A judicial export from the recordings page holds the range; the Registres page releases it with a reason.
        var from = TimeZoneInfo.ConvertTime(first, Paris);
        from = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, from.Minute, from.Second, from.Offset).AddSeconds(2);
        await ConsoleSession.OpenAsync(chef, $"/enregistrements?camera={camera.Id}&day={from:yyyy-MM-dd}", p => p.GetByRole(AriaRole.Table, new() { Name = "Segments et interruptions" }));
        await chef.Locator("#export-from").FillAsync(from.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await chef.Locator("#export-to").FillAsync(from.AddSeconds(4).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await chef.GetByLabel("Autorité requérante").FillAsync("Tribunal judiciaire de Lyon");
        await chef.GetByLabel("N° de réquisition ou de procédure").FillAsync("Parquet 26/204");
        await chef.Locator("#export-judicial").CheckAsync();
        await chef.Locator("#export-start").ClickAsync();
        await chef.Locator("#export-state").GetByText("Terminé").WaitForAsync(new() { Timeout = 60_000 });

        await ConsoleSession.OpenAsync(chef, "/registres", p => p.GetByRole(AriaRole.Table, new() { Name = "Conservations judiciaires" }));
        var row = chef.GetByRole(AriaRole.Table, new() { Name = "Conservations judiciaires" }).GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Parquet 26/204" });
        await Assertions.Expect(row).ToContainTextAsync("active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Lever" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirmer la levée" }).ClickAsync();
        await Assertions.Expect(chef.GetByRole(AriaRole.Alert)).ToContainTextAsync("motif");
        await row.GetByLabel("Motif de la levée").FillAsync("Classement sans suite");
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirmer la levée" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Classement sans suite");
        await chef.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-registres-holds.png"), FullPage = true });
        // A supervisor sees holds, not the audit journal.
        await Assertions.Expect(chef.GetByRole(AriaRole.Table, new() { Name = "Registre des extractions" })).ToHaveCountAsync(0);

        // An administrator opens an authority account for that package; the officer finds it on the Paquets page.
        await host.CreatePersonAsync("admin", Role.Administrator);
        var admin = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "admin", TestHost.Password);
        await ConsoleSession.OpenAsync(admin, "/administration", p => p.Locator("#authority-open"));
        await admin.Locator("#authority-user").FillAsync("opj.martin");
        await admin.Locator("#authority-name").FillAsync("OPJ Martin — SRPJ Lyon");
        await admin.Locator("#authority-password").FillAsync(TestHost.Password);
        await admin.Locator("#authority-packages").FillAsync("1");
        await admin.Locator("#authority-open").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Comptes autorités" })).ToContainTextAsync("opj.martin");

        var officer = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "opj.martin", TestHost.Password);
        await ConsoleSession.OpenAsync(officer, "/paquets", p => p.GetByRole(AriaRole.Table, new() { Name = "Paquets de preuve" }));
        await Assertions.Expect(officer.GetByRole(AriaRole.Table, new() { Name = "Paquets de preuve" })).ToContainTextAsync("Parquet 26/204");
        var download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByRole(AriaRole.Link, new() { Name = "Télécharger" }).First.ClickAsync());
        var zip = Browser.ArtifactPath("e2e-authority-package.zip");
        await download.SaveAsAsync(zip);
        var verified = await VigieProcess.RunAsync("evidence", "verify", zip, "--public-key", Path.Combine(host.DataFolder, Vigie.Server.Security.InstallationKey.PublicFileName));
        Assert.True(verified.ExitCode == 0, verified.All);
        // The officer's menu offers the packages, not the video.
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Mur d'images" })).ToHaveCountAsync(0);
        await officer.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-authority-packages.png"), FullPage = true });

        // An auditor sees who watched what, and reads the journal in their own language.
        await host.CreatePersonAsync("dpo", Role.Auditor);
        var auditor = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "dpo", TestHost.Password);
        await ConsoleSession.OpenAsync(auditor, "/registres", p => p.Locator("#audit-kind"));
        await auditor.Locator("#audit-kind").SelectOptionAsync("viewing");
        var viewing = auditor.GetByRole(AriaRole.Table, new() { Name = "Qui a regardé quoi" });
        await Assertions.Expect(viewing.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Parking" }).First).ToContainTextAsync("direct");
        await Assertions.Expect(viewing).ToContainTextAsync("op");
        await auditor.GotoAsync("/culture/en?returnUrl=%2Fregistres");
        await auditor.Locator("#audit-kind").SelectOptionAsync("viewing");
        await Assertions.Expect(auditor.GetByRole(AriaRole.Table, new() { Name = "Audit log" })).ToContainTextAsync("Live view — camera « Parking ».");
        await auditor.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-audit-viewing-en.png"), FullPage = true });
    }
}
