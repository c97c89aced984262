using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Export;

/// <summary>The steps export tests share: read a job, wait for it to finish, wait for recorded segments, read the audit journal.</summary>
internal static class ExportTestSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> ReadJobAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    public static async Task<JsonElement> WaitForExportAsync(HttpClient client, Guid id)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await ReadJobAsync(await client.GetAsync(new Uri($"/api/exports/{id}", UriKind.Relative), Ct));
            var state = job.GetProperty("state").GetString();
            Assert.True(state != "failed", $"the export failed: {(job.TryGetProperty("error", out var error) ? error.GetString() : "?")}");
            if (state == "done")
            {
                return job;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail("the export never finished");
        return default;
    }

    public static async Task<List<Vigie.Domain.Recordings.RecordingSegment>> WaitForSegmentsAsync(TestHost host, Guid camera, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = host.Service<VigieDbFactory>().CreateDbContext();
            var segments = (await db.RecordingSegments.AsNoTracking().Where(s => s.CameraId == new Vigie.Domain.CameraId(camera)).ToListAsync(Ct))
                .OrderBy(s => s.StartsAt).ToList();
            if (segments.Count >= count)
            {
                return segments;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail($"fewer than {count} segments were recorded");
        return [];
    }

    public static async Task<List<string>> AuditAsync(TestHost host, string category)
    {
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        return await db.LogbookEntries.Where(e => e.Journal == Journal.Audit && e.Category == category).Select(e => e.Text).ToListAsync(Ct);
    }
}
