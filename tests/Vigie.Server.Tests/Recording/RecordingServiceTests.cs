using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Server.Recording;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

public sealed class RecordingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_that_goes_away_raises_video_loss_and_recording_resumes_within_5_s_of_its_return_with_the_gap_indexed()
    {
        var port = Vigie.Testing.DemoProcess.FreePort();
        var simulator = await StartSimulatorAsync(port);
        await using var host = await TestHost.StartAsync(configure: o => o with
        {
            Record = true,
            Time = TimeProvider.System,
            SegmentDuration = TimeSpan.FromSeconds(2),
            VideoLossDelay = TimeSpan.FromSeconds(3),
        });
        var site = await host.CreateSiteAsync("Gare");
        await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Quai", $"rtsp://127.0.0.1:{port}/cam1", null, null, null, 30), Ct);
        await WaitAsync(async () => await CountAsync(host, db => db.RecordingSegments.CountAsync(Ct)) >= 2, TimeSpan.FromSeconds(60));

        await simulator.DisposeAsync();
        await WaitAsync(async () => (await EntriesAsync(host)).Any(e => e.StartsWith("Perte vidéo", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));

        var before = await CountAsync(host, db => db.RecordingSegments.CountAsync(Ct));
        var back = TimeProvider.System.GetUtcNow();
        simulator = await StartSimulatorAsync(port);
        await WaitAsync(async () => (await EntriesAsync(host)).Any(e => e.StartsWith("Flux rétabli", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        await WaitAsync(async () => await CountAsync(host, db => db.RecordingSegments.CountAsync(Ct)) > before, TimeSpan.FromSeconds(20));

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var resumed = await db.RecordingSegments.OrderByDescending(s => s.Id).FirstAsync(Ct);
        Assert.True(resumed.StartsAt - back < TimeSpan.FromSeconds(5), $"recording resumed {(resumed.StartsAt - back).TotalSeconds:F1} s after the camera's return");
        var gap = await db.RecordingGaps.SingleAsync(Ct);
        Assert.True(gap.EndsAt > gap.StartsAt);
        Assert.True(gap.StartsAt < back && gap.EndsAt >= back.AddSeconds(-1), $"gap {gap.StartsAt:O}–{gap.EndsAt:O}, camera back at {back:O}");
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_camera_that_never_answers_is_reported_lost_after_the_delay()
    {
        await using var host = await TestHost.StartAsync(configure: o => o with { Record = true, Time = TimeProvider.System, VideoLossDelay = TimeSpan.FromSeconds(3) });
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Débranchée", $"rtsp://127.0.0.1:{Vigie.Testing.DemoProcess.FreePort()}/cam1", null, null, null, 30), Ct);
        await WaitAsync(async () => (await EntriesAsync(host)).Any(e => e.StartsWith("Perte vidéo — caméra « Débranchée »", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        await WaitAsync(() => Task.FromResult(host.Service<RecordingService>().StatusOf(new Domain.CameraId(camera.Id)).State == "offline"), TimeSpan.FromSeconds(5));
    }

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
            return status is { State: "streaming", FramesPerSecond: > 0 };
        }, TimeSpan.FromSeconds(30));
        Assert.InRange(status!.FramesPerSecond, 8, 12); // cam1 plays vtest.avi at its own 10 fps
        Assert.InRange(status.BitrateKbps, 300, 6000);
        Assert.InRange(status.KeyframeIntervalSeconds, 0.5, 1.5);
        var metrics = await op.GetStringAsync("/metrics", Ct);
        Assert.Contains($"vigie_camera_frames_per_second{{otel_scope_name=\"Vigie.Cameras\",camera=\"{camera.Id:N}\"}}", metrics, StringComparison.Ordinal);
        Assert.Contains($"vigie_camera_up{{otel_scope_name=\"Vigie.Cameras\",camera=\"{camera.Id:N}\"}} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_and_broken_cameras_are_reported_degraded_or_lost_while_a_good_camera_beside_them_records_undamaged()
    {
        var port = Vigie.Testing.DemoProcess.FreePort();
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 3, Port = port, LiveClock = false, Faulty = new HashSet<int> { 3 }, CacheFolder = Path.Combine(Path.GetTempPath(), "vigie-camsim-tests") },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);
        using var garbage = new GarbageServer();
        await using var host = await TestHost.StartAsync(configure: o => o with
        {
            Record = true,
            Time = TimeProvider.System,
            SegmentDuration = TimeSpan.FromSeconds(2),
            VideoLossDelay = TimeSpan.FromSeconds(3),
        });
        var site = await host.CreateSiteAsync("Gare");
        var sites = host.Service<SiteService>();
        async Task<Domain.CameraId> AddAsync(string name, string url) =>
            new((await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, name, url, null, null, null, 30), Ct)).Id);
        var good = await AddAsync("Quai", simulator.UrlOf(1));
        var hostile = await AddAsync("Parvis", simulator.UrlOf(3));
        var missing = await AddAsync("Inconnue", $"rtsp://127.0.0.1:{port}/cam9");
        var babbling = await AddAsync("Bavarde", $"rtsp://127.0.0.1:{garbage.Port}/stream");
        var recording = host.Service<RecordingService>();

        await WaitAsync(() => Task.FromResult(recording.StatusOf(hostile) is { State: "degraded", Damage: { MalformedPackets: > 0, WrongPayloadTypePackets: > 0, DroppedFrames: > 0 } }),
            TimeSpan.FromSeconds(30), () => recording.StatusOf(hostile).ToString());
        Assert.Contains("stream damaged", recording.StatusOf(hostile).LastProblem, StringComparison.Ordinal);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var metrics = await anonymous.GetStringAsync("/metrics", Ct);
        Assert.Matches($"vigie_camera_malformed_packets{{otel_scope_name=\"Vigie.Cameras\",camera=\"{hostile.Value:N}\"}} [1-9]", metrics);
        Assert.Contains($"vigie_camera_dropped_frames{{otel_scope_name=\"Vigie.Cameras\",camera=\"{good.Value:N}\"}} 0", metrics, StringComparison.Ordinal);
        var entries = new List<string>();
        await WaitAsync(async () =>
        {
            entries = await EntriesAsync(host);
            return entries.Any(e => e.StartsWith("Perte vidéo — caméra « Inconnue »", StringComparison.Ordinal) && e.Contains("404", StringComparison.Ordinal))
                && entries.Any(e => e.StartsWith("Perte vidéo — caméra « Bavarde »", StringComparison.Ordinal) && e.Contains("OPTIONS", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(20), () => string.Join(" | ", entries));
        Assert.Equal("offline", recording.StatusOf(missing).State);
        Assert.Equal("offline", recording.StatusOf(babbling).State);
        Assert.True(garbage.Connections >= 2, $"the babbling camera was tried {garbage.Connections} time(s)");

        // The hostile camera still records what it sends that is real, and the good one beside it loses nothing.
        await WaitAsync(async () => await CountAsync(host, db => db.RecordingSegments.CountAsync(s => s.CameraId == good, Ct)) >= 3
            && await CountAsync(host, db => db.RecordingSegments.CountAsync(s => s.CameraId == hostile, Ct)) >= 3, TimeSpan.FromSeconds(30));
        var quiet = recording.StatusOf(good);
        Assert.Equal("streaming", quiet.State);
        Assert.Equal(StreamDamage.None, quiet.Damage);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var segments = await db.RecordingSegments.Where(s => s.CameraId == good).OrderBy(s => s.StartsAt).ToListAsync(Ct);
        // Everything the good camera delivered was recorded (no loss, no dropped frame: its damage is none, above),
        // and its segments follow each other. Within a GOP, not a frame: on a starved machine the simulator itself
        // skips a slow client to the next keyframe, upstream of Vigie.
        foreach (var (earlier, later) in segments.Zip(segments.Skip(1)))
        {
            Assert.True((later.StartsAt - earlier.EndsAt).Duration() < TimeSpan.FromSeconds(1.5), $"{earlier.EndsAt:O} → {later.StartsAt:O}");
        }

        Assert.Empty(await db.RecordingGaps.Where(g => g.CameraId == good).ToListAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
    }

    private static async Task<CameraSimulator> StartSimulatorAsync(int port)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, Sources = [], CacheFolder = Path.Combine(Path.GetTempPath(), "vigie-camsim-tests") }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        return simulator;
    }

    private static async Task<List<string>> EntriesAsync(TestHost host) =>
        (await host.Service<Features.Logbook.LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.MainCourante, new LogbookFilter(Category: LogbookCategory.Technical), Ct))
            .Select(e => e.Text).ToList();

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
