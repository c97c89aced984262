using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Sites;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Export;

public sealed class ExportAuditFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_whose_audit_cannot_be_written_is_reported_failed_without_files_and_the_worker_goes_on_with_the_next()
    {
        await using var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = 0, LiveClock = false, CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(),
            configure: o => o with { Record = true, Time = TimeProvider.System, SegmentDuration = TimeSpan.FromSeconds(2) });
        var site = await host.CreateSiteAsync("Dépôt");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null, new CameraInput(site.Id, "Quai", simulator.UrlOf(1), null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var (from, to) = await RecordedRangeAsync(host, camera.Id);

        // The audit journal refuses the end of any export (completed or failed), as a full or broken database would.
        await ExecuteAsync(host, $"""
            CREATE TRIGGER audit_unwritable BEFORE INSERT ON logbook_entries
            WHEN NEW."Category" IN ('{AuditCategory.ExportCompleted}', '{AuditCategory.ExportFailed}')
            BEGIN SELECT RAISE(ABORT, 'audit journal unavailable'); END
            """);
        var refused = await ExportAsync(op, camera.Id, from, to);

        Assert.Equal("failed", refused.GetProperty("state").GetString());
        Assert.Contains("audit journal could not be written", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(refused.GetProperty("files").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(new Uri($"/api/exports/{refused.GetProperty("id").GetGuid()}/files/1", UriKind.Relative), Ct)).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "exports", refused.GetProperty("id").GetGuid().ToString("N"))));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        // Once the worker has tried to audit the failure too: degraded (200), naming the loop.
        await HealthAsync(anonymous, health => health.StartsWith("Degraded\nloops: Degraded — loop export failing since", StringComparison.Ordinal));

        // The journal writable again: the worker, still running, takes the next export through.
        await ExecuteAsync(host, "DROP TRIGGER audit_unwritable");
        var done = await ExportAsync(op, camera.Id, from, to);

        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Single(done.GetProperty("files").EnumerateArray());
        Assert.False(host.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host stopped");
        await HealthAsync(anonymous, health => health == "Healthy");
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Equal(1, await db.LogbookEntries.CountAsync(e => e.Category == AuditCategory.ExportCompleted, Ct));
        Assert.Equal(0, await db.LogbookEntries.CountAsync(e => e.Category == AuditCategory.ExportFailed, Ct));
        // The extraction register keeps both: the refused one failed with why, the next one completed.
        var register = await db.Extractions.OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([Vigie.Domain.Evidence.ExtractionState.Failed, Vigie.Domain.Evidence.ExtractionState.Completed], register.Select(e => e.State));
        Assert.Contains("audit journal could not be written", register[0].Failure, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", register[1].ManifestSha256);
    }

    private static async Task<(DateTimeOffset From, DateTimeOffset To)> RecordedRangeAsync(TestHost host, Guid camera)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = host.Service<VigieDbFactory>().CreateDbContext();
            var segments = (await db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == new Vigie.Domain.CameraId(camera)).ToListAsync(Ct)).OrderBy(s => s.StartsAt).ToList();
            if (segments.Count >= 2)
            {
                return (segments[0].StartsAt + TimeSpan.FromMilliseconds(200), segments[1].EndsAt - TimeSpan.FromMilliseconds(200));
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("fewer than 2 segments were recorded");
        return default;
    }

    /// <summary>Requests an export and returns the job once it is done or failed.</summary>
    private static async Task<JsonElement> ExportAsync(HttpClient op, Guid camera, DateTimeOffset from, DateTimeOffset to)
    {
        var accepted = await op.PostAsJsonAsync("/api/exports", new { cameraIds = new[] { camera }, from, to, reason = "Réquisition" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await JsonDocument.ParseAsync(await accepted.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct)).RootElement.GetProperty("id").GetGuid();
        for (var i = 0; i < 300; i++)
        {
            using var json = JsonDocument.Parse(await op.GetStringAsync(new Uri($"/api/exports/{id}", UriKind.Relative), Ct));
            if (json.RootElement.GetProperty("state").GetString() is "done" or "failed")
            {
                return json.RootElement.Clone();
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("the export never ended");
        return default;
    }

    /// <summary>Waits until /health answers 200 with a body that <paramref name="expected"/> accepts.</summary>
    private static async Task HealthAsync(HttpClient client, Func<string, bool> expected)
    {
        var body = string.Empty;
        for (var i = 0; i < 100; i++)
        {
            var answer = await client.GetAsync("/health", Ct);
            body = await answer.Content.ReadAsStringAsync(Ct);
            if (answer.StatusCode == HttpStatusCode.OK && expected(body))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"/health answered {body}");
    }

    private static async Task ExecuteAsync(TestHost host, string sql)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
    }
}
