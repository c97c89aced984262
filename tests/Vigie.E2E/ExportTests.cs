using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>Clip export from the console's recordings page, in Debian's Chromium: the downloaded MP4 is checked with ffprobe.</summary>
public sealed class ExportTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_asked_in_the_console_is_an_mp4_that_ffprobe_reads_and_that_lasts_the_range_asked()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(3) });
        var site = await host.CreateSiteAsync("Entrepôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        var (first, _) = await RecordedSpans.WaitAsync(host, [camera.Id], TimeSpan.FromSeconds(9));

        // Whole seconds of Paris time (the form's precision), 6 s over two or three segment files.
        var from = TimeZoneInfo.ConvertTime(first, Paris);
        from = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, from.Minute, from.Second, from.Offset).AddSeconds(2);
        var to = from.AddSeconds(6);
        Assert.Equal(from.Date, to.Date); // the form exports within one Paris day

        await using var browser = await Browser.LaunchAsync();
        var page = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "op", TestHost.Password);
        // The export form comes with the day's recordings: wait for them before typing into it.
        await ConsoleSession.OpenAsync(page, $"/enregistrements?camera={camera.Id}&day={from:yyyy-MM-dd}", p => p.GetByRole(AriaRole.Table, new() { Name = "Segments et interruptions" }));
        await page.Locator("#export-from").FillAsync(from.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await page.Locator("#export-to").FillAsync(to.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await page.Locator("#export-reason").FillAsync("Réquisition OPJ n° 42");
        await page.GetByLabel("Autorité requérante").FillAsync("Gendarmerie de Meyzieu");
        await page.GetByLabel("N° de réquisition ou de procédure").FillAsync("PV 2026/042");
        await page.GetByLabel("Officier ou agent").FillAsync("Adjudant Martin");
        await page.Locator("#export-start").ClickAsync();
        await page.Locator("#export-state").GetByText("Terminé").WaitForAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-export-done.png") });

        var link = page.GetByRole(AriaRole.Link).Filter(new() { HasTextString = ".mp4" }).First;
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Browser.ArtifactPath("e2e-export.mp4");
        await download.SaveAsAsync(path);

        var probe = new ProcessStartInfo("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "csv=p=0", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(probe)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        var errors = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0 && errors.Length == 0, $"ffprobe: {errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("h264", lines);
        var duration = double.Parse(lines.Single(l => l.Contains('.', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        Assert.InRange(duration, 5.0, 7.0);

        // The evidence package, downloaded as the console gives it, verifies with the installation's public key.
        await Assertions.Expect(page.GetByText("Registre des extractions n° 1")).ToBeVisibleAsync();
        var package = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-package").ClickAsync());
        var zip = Browser.ArtifactPath("e2e-export-package.zip");
        await package.SaveAsAsync(zip);
        var verified = await VigieProcess.RunAsync("evidence", "verify", zip, "--public-key", Path.Combine(host.DataFolder, Vigie.Server.Security.InstallationKey.PublicFileName));
        Assert.True(verified.ExitCode == 0, verified.All);
        Assert.Contains("requisition PV 2026/042 (Gendarmerie de Meyzieu, Adjudant Martin)", verified.Output, StringComparison.Ordinal);

        // An auditor finds it in the extraction register.
        await host.CreatePersonAsync("dpo", Role.Auditor);
        var auditor = await ConsoleSession.SignInAsync(browser, host.BaseAddress, "dpo", TestHost.Password);
        await ConsoleSession.OpenAsync(auditor, "/registres", p => p.GetByRole(AriaRole.Table, new() { Name = "Registre des extractions" }));
        var row = auditor.GetByRole(AriaRole.Table, new() { Name = "Registre des extractions" }).GetByRole(AriaRole.Row).Filter(new() { HasTextString = "PV 2026/042" });
        await Assertions.Expect(row).ToContainTextAsync("Gendarmerie de Meyzieu");
        await Assertions.Expect(row).ToContainTextAsync("remis");
        await auditor.ScreenshotAsync(new() { Path = Browser.ArtifactPath("e2e-extraction-register.png"), FullPage = true });
    }
}
