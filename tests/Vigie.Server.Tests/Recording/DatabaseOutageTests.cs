using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

public sealed class DatabaseOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_database_away_for_10_s_leaves_the_host_up_and_every_segment_recorded_meanwhile_is_indexed_once_it_is_back()
    {
        await using var postgres = await PrivatePostgres.StartAsync(Ct);
        await using var simulator = new CameraSimulator(
            new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, Sources = [], CacheFolder = SimulatorCache.Folder },
            NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(database: postgres.ConnectionString, now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Gare");
        var camera = new CameraId((await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct)).Id);
        await WaitAsync(async () => (await IndexedAsync(host, camera)).Count >= 2, TimeSpan.FromSeconds(60));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        await postgres.StopServerAsync(Ct);
        var stoppedAt = TimeProvider.System.GetUtcNow();
        // The outage is seen: storage unhealthy, and the index writer's loop named as failing.
        var health = string.Empty;
        await WaitAsync(async () =>
        {
            var answer = await anonymous.GetAsync("/health", Ct);
            health = await answer.Content.ReadAsStringAsync(Ct);
            return answer.StatusCode == HttpStatusCode.ServiceUnavailable && health.Contains("loop recording-index failing", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), () => health);
        await WaitAsync(() => Task.FromResult(TimeProvider.System.GetUtcNow() - stoppedAt >= TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(20));
        await postgres.StartServerAsync(Ct);
        var backAt = TimeProvider.System.GetUtcNow();

        // Back: every loop works again and every segment on disk is in the index, those of the outage included.
        await WaitAsync(async () =>
        {
            var answer = await anonymous.GetAsync("/health", Ct);
            health = await answer.Content.ReadAsStringAsync(Ct);
            return answer.StatusCode == HttpStatusCode.OK && health == "Healthy";
        }, TimeSpan.FromSeconds(90), () => health);
        var onDisk = new List<string>();
        List<Domain.Recordings.RecordingSegment> indexed = [];
        await WaitAsync(async () =>
        {
            onDisk = SegmentFiles(host, camera);
            try
            {
                indexed = await IndexedAsync(host, camera);
            }
            catch (Npgsql.NpgsqlException)
            {
                // A pooled connection of before the restart, shared with the host: the next one is new.
                return false;
            }

            return onDisk.All(file => indexed.Any(s => s.Path == file));
        }, TimeSpan.FromSeconds(30), () => $"not indexed: {string.Join(", ", onDisk.Where(f => indexed.All(s => s.Path != f)))}");

        Assert.False(host.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host stopped");
        Assert.True(indexed.Count(s => s.StartsAt > stoppedAt && s.EndsAt < backAt) >= 3, $"{indexed.Count} segments, outage {stoppedAt:O}–{backAt:O}");
        foreach (var (earlier, later) in indexed.Zip(indexed.Skip(1)))
        {
            Assert.True((later.StartsAt - earlier.EndsAt).Duration() < TimeSpan.FromSeconds(1.5), $"segment lost between {earlier.EndsAt:O} and {later.StartsAt:O}");
        }

        Assert.Equal(indexed.Count, indexed.Select(s => s.Path).Distinct().Count());
        Assert.DoesNotContain(host.Service<SupervisedLoops>().Status, s => s.Failing);
    }

    private static List<string> SegmentFiles(TestHost host, CameraId camera)
    {
        var root = host.Service<VigieHostOptions>().RecordingsFolder;
        var folder = Path.Combine(root, camera.Value.ToString("N"));
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.mp4", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f))]
            : [];
    }

    private static async Task<List<Domain.Recordings.RecordingSegment>> IndexedAsync(TestHost host, CameraId camera)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return (await db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == camera).ToListAsync(Ct)).OrderBy(s => s.StartsAt).ToList();
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
