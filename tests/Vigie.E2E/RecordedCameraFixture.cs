using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.People;
using Vigie.Domain.Recordings;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.E2E;

/// <summary>
/// One host shared by a class of playback tests: camera « Quai » recorded from the simulator in 5 s
/// segments for a while, camera « Réserve » that never recorded anything (its address answers nothing), and
/// an operator « op » of their site.
/// </summary>
public sealed class RecordedCameraFixture : IAsyncLifetime
{
    private CameraSimulator? _simulator;

    public TestHost Host { get; private set; } = default!;

    public CameraDto Quai { get; private set; } = default!;

    public CameraDto Reserve { get; private set; } = default!;

    /// <summary>Where « Quai »'s recordings started.</summary>
    public DateTimeOffset First { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await _simulator.StartAsync(ct);
        Host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(5) });
        var site = await Host.CreateSiteAsync("Entrepôt");
        var sites = Host.Service<SiteService>();
        Quai = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", _simulator.UrlOf(1), null, null, null, 30), ct);
        Reserve = await sites.SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Réserve", "rtsp://127.0.0.1:1/nothing", null, null, null, 30), ct);
        await Host.CreatePersonAsync("op", Role.Operator, [site]);
        (First, _) = await RecordedSpans.WaitAsync(Host, [Quai.Id], TimeSpan.FromSeconds(16));
    }

    /// <summary>« Quai »'s complete segments in the index, oldest first.</summary>
    public async Task<List<RecordingSegment>> SegmentsAsync()
    {
        await using var db = Host.Service<VigieDbFactory>().CreateDbContext();
        var segments = await db.RecordingSegments.AsNoTracking()
            .Where(s => s.CameraId == new Vigie.Domain.CameraId(Quai.Id) && s.State == SegmentState.Complete)
            .ToListAsync(TestContext.Current.CancellationToken);
        return [.. segments.OrderBy(s => s.StartsAt)];
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
