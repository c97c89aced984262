using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

/// <summary>
/// Recording through the host: what it shows of the engine (Vigie.Media.Tests, Cameras/, tests the engine
/// itself) on the status API, the metrics and /health.
/// </summary>
public sealed class RecordingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_camera_reports_its_state_and_figures_through_the_api_and_metrics()
    {
        var port = Vigie.Testing.DemoProcess.FreePort();
        await using var simulator = await StartSimulatorAsync(port);
        await using var host = await TestHost.StartAsync(configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Quai", $"rtsp://127.0.0.1:{port}/cam1", null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Domain.People.Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        Recording.CameraStatusView? status = null;
        await WaitAsync(async () =>
        {
            status = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Recording.CameraStatusView>(op, $"/api/cameras/{camera.Id}/status", Ct);
            // The rate is measured over a window: its first figures, before the window is full, may read low.
            return status is { State: "streaming", FramesPerSecond: >= 8 and <= 12 };
        }, TimeSpan.FromSeconds(30), () => $"last status: {status}");
        Assert.InRange(status!.FramesPerSecond, 8, 12); // cam1 plays vtest.avi at its own 10 fps
        Assert.InRange(status.BitrateKbps, 300, 6000);
        Assert.InRange(status.KeyframeIntervalSeconds, 0.5, 1.5);
        var metrics = await op.GetStringAsync("/metrics", Ct);
        Assert.Contains($"vigie_camera_frames_per_second{{otel_scope_name=\"Vigie.Cameras\",camera=\"{camera.Id:N}\"}}", metrics, StringComparison.Ordinal);
        Assert.Contains($"vigie_camera_up{{otel_scope_name=\"Vigie.Cameras\",camera=\"{camera.Id:N}\"}} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_camera_is_shown_degraded_with_its_damage_on_the_metrics_and_the_host_stays_healthy()
    {
        // The engine's side of hostile and broken cameras is in Vigie.Media.Tests (Cameras/CameraSupervisionTests);
        // here, what the host makes of it: the status API, the metrics and /health.
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 3, Port = 0, LiveClock = false, Faulty = new HashSet<int> { 3 }, CacheFolder = SimulatorCache.Folder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Gare");
        var sites = host.Service<SiteService>();
        async Task<Domain.CameraId> AddAsync(string name, string url) =>
            new((await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, name, url, null, null, null, 30), Ct)).Id);
        var good = await AddAsync("Quai", simulator.UrlOf(1));
        var hostile = await AddAsync("Parvis", simulator.UrlOf(3));
        await host.CreatePersonAsync("op", Domain.People.Role.Operator, [site]);
        using var op = await host.ClientAsync("op");

        Recording.CameraStatusView? status = null;
        await WaitAsync(async () =>
        {
            status = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Recording.CameraStatusView>(op, $"/api/cameras/{hostile.Value}/status", Ct);
            return status?.State == "degraded";
        }, TimeSpan.FromSeconds(30), () => $"{status}");
        Assert.Contains("stream damaged", status!.LastProblem, StringComparison.Ordinal);
        await WaitAsync(async () => await CountAsync(host, db => db.RecordingSegments.CountAsync(s => s.CameraId == good, Ct)) >= 2, TimeSpan.FromSeconds(30));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var metrics = await anonymous.GetStringAsync("/metrics", Ct);
        Assert.Matches($"vigie_camera_malformed_packets{{otel_scope_name=\"Vigie.Cameras\",camera=\"{hostile.Value:N}\"}} [1-9]", metrics);
        Assert.Contains($"vigie_camera_dropped_frames{{otel_scope_name=\"Vigie.Cameras\",camera=\"{good.Value:N}\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
    }

    private static async Task<CameraSimulator> StartSimulatorAsync(int port)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, Sources = [], CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        return simulator;
    }

    private static async Task<int> CountAsync(TestHost host, Func<Vigie.Storage.Model.VigieDbContext, Task<int>> count)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await count(db);
    }

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
