using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Media.Cameras;
using Vigie.Media.Recording;
using Vigie.Media.Simulator;

namespace Vigie.Media.Tests.Cameras;

/// <summary>
/// The recording engine against the camera simulator in real time — streams go away, come back, turn
/// hostile — with no web host and no database: the index and the events are the in-memory ports.
/// </summary>
public sealed class CameraSupervisionTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-camera-tests", Guid.NewGuid().ToString("N"));
    private readonly CollectedIndex _index = new();
    private readonly CollectedEvents _events = new();
    private readonly CameraRecorders _recorders;

    public CameraSupervisionTests()
    {
        var options = new RecordingOptions { SegmentDuration = TimeSpan.FromSeconds(2), VideoLossDelay = TimeSpan.FromSeconds(3) };
        _recorders = new CameraRecorders(new RecordingContext(_folder, options, _index, _events, TimeProvider.System), NullLogger.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_that_goes_away_raises_video_loss_and_recording_resumes_within_5_s_of_its_return_with_the_gap_indexed()
    {
        var port = FreePort();
        var simulator = await StartSimulatorAsync(port);
        var camera = Target("Quai", $"rtsp://127.0.0.1:{port}/cam1");
        await _recorders.ApplyAsync([camera], Ct);
        await WaitAsync(() => _index.Of(camera.Id).Count >= 2, TimeSpan.FromSeconds(60));

        await simulator.DisposeAsync();
        await WaitAsync(() => _events.Texts.Any(e => e.StartsWith("Perte vidéo", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));

        var before = _index.Of(camera.Id).Count;
        var back = TimeProvider.System.GetUtcNow();
        simulator = await StartSimulatorAsync(port);
        await WaitAsync(() => _events.Texts.Any(e => e.StartsWith("Flux rétabli", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        await WaitAsync(() => _index.Of(camera.Id).Count > before, TimeSpan.FromSeconds(20));

        var resumed = _index.Of(camera.Id)[^1];
        Assert.True(resumed.StartsAt - back < TimeSpan.FromSeconds(5), $"recording resumed {(resumed.StartsAt - back).TotalSeconds:F1} s after the camera's return");
        var gap = Assert.Single(_index.Gaps);
        Assert.Equal(camera.Id, gap.Camera);
        Assert.True(gap.To > gap.From);
        Assert.True(gap.From < back && gap.To >= back.AddSeconds(-1), $"gap {gap.From:O}–{gap.To:O}, camera back at {back:O}");
        Assert.All(_events.All, e => Assert.Equal((camera.Id, camera.SiteId), (e.Camera!.Value, e.Site!.Value)));
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Hostile_and_broken_cameras_are_reported_degraded_or_lost_while_a_good_camera_beside_them_records_undamaged()
    {
        var port = FreePort();
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 3, Port = port, LiveClock = false, Faulty = new HashSet<int> { 3 }, CacheFolder = Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);
        using var garbage = new GarbageServer();
        var good = Target("Quai", simulator.UrlOf(1));
        var hostile = Target("Parvis", simulator.UrlOf(3));
        var missing = Target("Inconnue", $"rtsp://127.0.0.1:{port}/cam9");
        var babbling = Target("Bavarde", $"rtsp://127.0.0.1:{garbage.Port}/stream");
        await _recorders.ApplyAsync([good, hostile, missing, babbling], Ct);

        await WaitAsync(() => _recorders.StatusOf(hostile.Id) is { State: "degraded", Damage: { MalformedPackets: > 0, WrongPayloadTypePackets: > 0, DroppedFrames: > 0 } },
            TimeSpan.FromSeconds(30), () => _recorders.StatusOf(hostile.Id).ToString());
        Assert.Contains("stream damaged", _recorders.StatusOf(hostile.Id).LastProblem, StringComparison.Ordinal);
        await WaitAsync(() =>
            _events.Texts.Any(e => e.StartsWith("Perte vidéo — caméra « Inconnue »", StringComparison.Ordinal) && e.Contains("404", StringComparison.Ordinal))
            && _events.Texts.Any(e => e.StartsWith("Perte vidéo — caméra « Bavarde »", StringComparison.Ordinal) && e.Contains("OPTIONS", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), () => string.Join(" | ", _events.Texts));
        Assert.Equal("offline", _recorders.StatusOf(missing.Id).State);
        Assert.Equal("offline", _recorders.StatusOf(babbling.Id).State);
        Assert.True(garbage.Connections >= 2, $"the babbling camera was tried {garbage.Connections} time(s)");

        // The hostile camera still records what it sends that is real, and the good one beside it loses nothing.
        await WaitAsync(() => _index.Of(good.Id).Count >= 3 && _index.Of(hostile.Id).Count >= 3, TimeSpan.FromSeconds(30));
        var quiet = _recorders.StatusOf(good.Id);
        Assert.Equal("streaming", quiet.State);
        Assert.Equal(StreamDamage.None, quiet.Damage);
        var segments = _index.Of(good.Id).OrderBy(s => s.StartsAt).ToList();
        // Everything the good camera delivered was recorded (no loss, no dropped frame: its damage is none, above),
        // and its segments follow each other. Within a GOP, not a frame: on a starved machine the simulator itself
        // skips a slow client to the next keyframe, upstream of Vigie.
        foreach (var (earlier, later) in segments.Zip(segments.Skip(1)))
        {
            Assert.True((later.StartsAt - earlier.EndsAt).Duration() < TimeSpan.FromSeconds(1.5), $"{earlier.EndsAt:O} → {later.StartsAt:O}");
        }

        Assert.DoesNotContain(_index.Gaps, g => g.Camera == good.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _recorders.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static CameraTarget Target(string name, string url) => new(new CameraId(Guid.NewGuid()), new SiteId(Guid.NewGuid()), name, url, null, null);

    private static async Task<CameraSimulator> StartSimulatorAsync(int port)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, Sources = [], CacheFolder = Vigie.Media.Tests.Simulator.SimulatorFixture.CacheFolder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        return simulator;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string>? explain = null)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, $"condition not met in time {explain?.Invoke()}");
            await Task.Delay(250, Ct);
        }
    }
}
