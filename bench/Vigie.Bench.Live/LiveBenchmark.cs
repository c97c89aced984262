using Vigie.Bench;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Bench.Live;

/// <summary>
/// One run of every live figure against the real host composition (in this process) and the camera
/// simulator (in this process too, synthetic 1280x720 25 fps 2 Mbit/s, 1 s GOP; /cam1 is skipped: it is
/// the 10 fps footage). Latency and first frame come from Chromium's own clocks
/// (<c>window.vigieLive.stats()</c> of the player); fan-out CPU is this process's CPU with and without
/// the viewers, whose clients run in a child process.
/// </summary>
public static class LiveBenchmark
{
    public static async Task RunAsync(LiveBenchOptions options)
    {
        Console.WriteLine($"# Vigie live benchmark — {Environment.ProcessorCount} cores, {File.ReadAllText("/proc/loadavg").Trim()} (load average at start)");
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = options.Cameras + 1, Port = 0, LiveClock = false, CacheFolder = Path.Combine(Path.GetTempPath(), "vigie-camsim-bench") },
            NullLogger.Instance);
        await simulator.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System }).ConfigureAwait(false);
        var site = await host.CreateSiteAsync("Banc d'essai").ConfigureAwait(false);
        var cameras = new List<Guid>();
        for (var i = 2; i <= options.Cameras + 1; i++)
        {
            var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
                new CameraInput(site.Id, string.Create(CultureInfo.InvariantCulture, $"Caméra {i - 1}"), simulator.UrlOf(i), null, null, null, 30)).ConfigureAwait(false);
            cameras.Add(camera.Id);
        }

        await host.CreatePersonAsync("bench", Role.Operator, [site]).ConfigureAwait(false);
        Console.WriteLine($"{options.Cameras} cameras; waiting 20 s for every camera to stream and fill its pre-alarm buffer");
        await Task.Delay(TimeSpan.FromSeconds(20)).ConfigureAwait(false);

        var latency = new List<BrowserProbe.Result>();
        await using (var browser = await BrowserProbe.StartAsync(host.BaseAddress, "bench", TestHost.Password).ConfigureAwait(false))
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                var result = await browser.MeasureAsync(cameras, options.WindowSeconds, options.Openings).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"browser run {run}: latency p50 {result.LatencyP50:0} ms p95 {result.LatencyP95:0} ms ({result.LatencySamples} frames); first frame p50 {result.FirstFrameP50:0} ms p95 {result.FirstFrameP95:0} ms ({result.Openings} openings)"));
                latency.Add(result);
            }
        }

        var cookie = await host.SessionCookieAsync("bench").ConfigureAwait(false);
        var fanOut = new List<FanOutResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var idle = await MeasureCpuAsync(options.WindowSeconds, null).ConfigureAwait(false);
            var watched = await MeasureCpuAsync(options.WindowSeconds, () => StartViewers(host.BaseAddress, cookie, cameras, options.Viewers, options.WindowSeconds + 10)).ConfigureAwait(false);
            var perViewer = (watched.Cores - idle.Cores) / options.Viewers;
            var result = new FanOutResult(idle.Cores, watched.Cores, perViewer, watched.ViewerReport ?? "?");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fan-out run {run}: host {idle.Cores:0.000} cores without viewers, {watched.Cores:0.000} with {options.Viewers}; {perViewer * 1000:0.00} millicores per viewer-stream = {1 / perViewer:0} viewer-streams per core; viewers: {result.ViewerReport}"));
            fanOut.Add(result);
        }

        Console.WriteLine();
        Console.WriteLine("| Figure | Median of runs | Runs |");
        Console.WriteLine("| --- | ---: | --- |");
        Row("Latency capture → presentation, p50 (ms)", latency.Select(r => r.LatencyP50));
        Row("Latency capture → presentation, p95 (ms)", latency.Select(r => r.LatencyP95));
        Row("Time to first frame, p50 (ms)", latency.Select(r => r.FirstFrameP50));
        Row("Time to first frame, p95 (ms)", latency.Select(r => r.FirstFrameP95));
        Row("Host cores, cameras only", fanOut.Select(r => r.IdleCores), "0.000");
        Row($"Host cores, {options.Viewers} viewers", fanOut.Select(r => r.WatchedCores), "0.000");
        Row("Millicores per viewer-stream", fanOut.Select(r => r.PerViewerCores * 1000), "0.00");
        Row("Viewer-streams per core", fanOut.Select(r => 1 / r.PerViewerCores), "0");
        Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static void Row(string name, IEnumerable<double> values, string format = "0")
    {
        var list = values.ToList();
        Console.WriteLine($"| {name} | {Percentiles.Median(list).ToString(format, CultureInfo.InvariantCulture)} | {string.Join(", ", list.Select(v => v.ToString(format, CultureInfo.InvariantCulture)))} |");
    }

    private sealed record FanOutResult(double IdleCores, double WatchedCores, double PerViewerCores, string ViewerReport);

    private sealed record CpuWindow(double Cores, string? ViewerReport);

    /// <summary>This process's CPU over a window (after 5 s for the viewers to settle), in cores.</summary>
    private static async Task<CpuWindow> MeasureCpuAsync(int seconds, Func<Process>? startViewers)
    {
        using var viewers = startViewers?.Invoke();
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        self.Refresh();
        var cores = (self.TotalProcessorTime - cpu0).TotalSeconds / clock.Elapsed.TotalSeconds;
        string? report = null;
        if (viewers is not null)
        {
            report = (await viewers.StandardOutput.ReadToEndAsync().ConfigureAwait(false)).Trim();
            await viewers.WaitForExitAsync().ConfigureAwait(false);
        }

        return new CpuWindow(cores, report);
    }

    private static Process StartViewers(Uri baseAddress, string cookie, IReadOnlyList<Guid> cameras, int count, int seconds)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(LiveBenchmark).Assembly.Location, "viewers", "--base", baseAddress.ToString(), "--cookie", cookie, "--cameras", string.Join(',', cameras), "--count", count.ToString(CultureInfo.InvariantCulture), "--seconds", seconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the viewer process");
    }
}
