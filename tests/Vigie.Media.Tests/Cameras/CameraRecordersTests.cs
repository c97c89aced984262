using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigie.Domain;
using Vigie.Media.Cameras;
using Vigie.Media.Recording;

namespace Vigie.Media.Tests.Cameras;

/// <summary>The recording engine's supervision on a fake clock: no web host, no database, the ports in memory.</summary>
public sealed class CameraRecordersTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-camera-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly CollectedIndex _index = new();
    private readonly CollectedEvents _events = new();
    private readonly CameraRecorders _recorders;

    public CameraRecordersTests()
    {
        _recorders = new CameraRecorders(new RecordingContext(_folder, new RecordingOptions { VideoLossDelay = TimeSpan.FromSeconds(10) }, _index, _events, _time), NullLogger.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_that_never_answers_is_retried_and_reported_lost_once_after_the_delay()
    {
        using var camera = new SilentCamera();
        var target = Target("Débranchée", camera.Url);
        await _recorders.ApplyAsync([target], Ct);
        var start = _time.GetUtcNow();

        await AdvanceUntilAsync(() => _time.GetUtcNow() - start >= TimeSpan.FromSeconds(9.5));
        Assert.Empty(_events.All);
        Assert.Equal("connecting", _recorders.StatusOf(target.Id).State);

        await AdvanceUntilAsync(() => _recorders.StatusOf(target.Id).State == "offline");
        Assert.InRange((_time.GetUtcNow() - start).TotalSeconds, 10, 12);
        var lost = Assert.Single(_events.All);
        Assert.Equal((CameraEventKind.VideoLost, target.Id, target.SiteId), (lost.Kind, lost.Camera, lost.Site));
        Assert.StartsWith("Perte vidéo — caméra « Débranchée » : aucune image reçue (", lost.Text, StringComparison.Ordinal);
        Assert.True(camera.Connections >= 2, $"tried {camera.Connections} time(s) in 10 s");

        // Still away half a minute later: tried again and again, reported once.
        var tried = camera.Connections;
        await AdvanceUntilAsync(() => _time.GetUtcNow() - start >= TimeSpan.FromSeconds(40));
        Assert.True(camera.Connections > tried, "no new attempt in 30 s");
        Assert.Single(_events.All);
        Assert.True(_recorders.StatusOf(target.Id).Reconnects >= 2);
    }

    [Fact]
    public async Task The_hosts_stop_and_the_containers_dispose_racing_stop_every_recorder_once_without_an_error()
    {
        using var first = new SilentCamera();
        using var second = new SilentCamera();
        var quai = Target("Quai", first.Url);
        await _recorders.ApplyAsync([quai, Target("Hall", second.Url)], Ct);

        // As at the end of a host: the recording service stops the recorders while the container disposes them.
        await Task.WhenAll(Task.Run(() => _recorders.StopAsync(), Ct), Task.Run(async () => await _recorders.DisposeAsync(), Ct), Task.Run(() => _recorders.StopAsync(), Ct));

        // No longer running: the supervision knows nothing of it any more.
        Assert.Equal(CameraStatus.Unknown(quai.Id.Value).State, _recorders.StatusOf(quai.Id).State);
    }

    [Fact]
    public async Task A_camera_that_cannot_be_tried_as_configured_is_shown_misconfigured_written_once_and_never_dialled()
    {
        using var camera = new SilentCamera();
        var target = Target("Parvis", camera.Url) with { Problem = "its stored stream password cannot be decrypted" };

        await _recorders.ApplyAsync([target], Ct);
        await AdvanceUntilAsync(() => _recorders.StatusOf(target.Id).State == "misconfigured");
        var start = _time.GetUtcNow();
        await AdvanceUntilAsync(() => _time.GetUtcNow() - start >= TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

        var status = _recorders.StatusOf(target.Id);
        Assert.Equal(("misconfigured", "its stored stream password cannot be decrypted"), (status.State, status.LastProblem));
        var written = Assert.Single(_events.All);
        Assert.Equal(CameraEventKind.Misconfigured, written.Kind);
        Assert.Equal("Configuration invalide — caméra « Parvis » : its stored stream password cannot be decrypted.", written.Text);
        Assert.Equal(0, camera.Connections);
    }

    [Fact]
    public async Task An_edited_camera_gets_a_new_recorder_and_a_removed_one_stops()
    {
        using var first = new SilentCamera();
        using var second = new SilentCamera();
        var target = Target("Quai", first.Url);
        await _recorders.ApplyAsync([target], Ct);
        var before = _recorders.RecorderOf(target.Id);
        await AdvanceUntilAsync(() => first.Connections >= 1);

        await _recorders.ApplyAsync([target], Ct);
        Assert.Same(before, _recorders.RecorderOf(target.Id));

        var edited = target with { Url = second.Url };
        await _recorders.ApplyAsync([edited], Ct);
        var after = _recorders.RecorderOf(target.Id);
        Assert.NotSame(before, after);
        Assert.Equal(edited, after!.Target);
        await AdvanceUntilAsync(() => second.Connections >= 1);

        await _recorders.ApplyAsync([], Ct);
        Assert.Null(_recorders.RecorderOf(target.Id));
        Assert.Empty(_recorders.All);
        Assert.Equal("unknown", _recorders.StatusOf(target.Id).State);
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

    /// <summary>
    /// Moves the fake clock a tenth of a second (or <paramref name="step"/>) at a time until <paramref name="done"/>. Between steps it lets
    /// the recorder's socket I/O (real, on loopback) finish; the behaviour under test only ever waits on the fake clock.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<bool> done, TimeSpan? step = null)
    {
        for (var i = 0; i < 2000 && !done(); i++)
        {
            _time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(5, Ct);
        }

        Assert.True(done(), $"not reached at {_time.GetUtcNow():O}: {string.Join(" | ", _events.Texts)}");
    }
}
