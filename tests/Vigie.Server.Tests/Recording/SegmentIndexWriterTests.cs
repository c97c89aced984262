using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Codecs;
using Vigie.Media.Recording;
using Vigie.Server.Recording;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Recording;

/// <summary>The recording index writer against the real database: what it keeps, retries and drops.</summary>
public sealed class SegmentIndexWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_row_the_database_refuses_is_dropped_alone_and_the_rows_beside_it_are_indexed()
    {
        await using var host = await TestHost.StartAsync();
        var camera = new CameraId((await host.CreateCameraAsync(await host.CreateSiteAsync("Gare"), "quai")).Id);
        var start = host.Time.GetUtcNow();
        var index = host.Service<SegmentIndexWriter>();

        index.OnSegmentCompleted(Segment(camera, start));
        index.OnSegmentCompleted(Segment(new CameraId(Guid.NewGuid()), start)); // a camera the database does not know
        index.OnGap(camera, start.AddSeconds(60), start.AddSeconds(70), "perte vidéo");
        index.OnSegmentCompleted(Segment(camera, start.AddSeconds(70)));
        await index.WriteNextAsync(Ct);

        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        Assert.Equal([start, start.AddSeconds(70)], (await db.RecordingSegments.ToListAsync(Ct)).Select(s => s.StartsAt).Order());
        Assert.Equal(start.AddSeconds(60), Assert.Single(await db.RecordingGaps.ToListAsync(Ct)).StartsAt);
    }

    [Fact]
    public async Task A_batch_the_database_could_not_take_is_kept_and_written_once_when_it_can_even_if_its_commit_had_gone_through()
    {
        await using var host = await TestHost.StartAsync();
        var camera = new CameraId((await host.CreateCameraAsync(await host.CreateSiteAsync("Gare"), "quai")).Id);
        var start = host.Time.GetUtcNow();
        var index = host.Service<SegmentIndexWriter>();
        var factory = host.Service<VigieDbFactory>();

        // Another writer holds the database: the batch fails (busy), and is kept.
        await using (var holder = new SqliteConnection(factory.Settings.ConnectionString))
        {
            await holder.OpenAsync(Ct);
            await using var writing = holder.BeginTransaction(deferred: false);
            index.OnSegmentCompleted(Segment(camera, start));
            index.OnGap(camera, start.AddSeconds(60), start.AddSeconds(70), "perte vidéo");

            var busy = await Assert.ThrowsAnyAsync<Exception>(() => index.WriteNextAsync(Ct));
            Assert.Contains("database is locked", busy.ToString(), StringComparison.Ordinal);
        }

        // As if that attempt's commit had reached the database before its answer was lost.
        await using (var db = factory.CreateDbContext())
        {
            db.RecordingGaps.Add(new RecordingGap(camera, start.AddSeconds(60), start.AddSeconds(70), "perte vidéo"));
            await db.SaveChangesAsync(Ct);
        }

        index.OnSegmentCompleted(Segment(camera, start.AddSeconds(70)));
        await index.WriteNextAsync(Ct);

        await using var check = factory.CreateDbContext();
        Assert.Equal([start, start.AddSeconds(70)], (await check.RecordingSegments.ToListAsync(Ct)).Select(s => s.StartsAt).Order());
        Assert.Single(await check.RecordingGaps.ToListAsync(Ct));
    }

    private static CompletedSegment Segment(CameraId camera, DateTimeOffset start)
    {
        var relative = RecordingPaths.RelativePath(SegmentIndexWriter.FolderOf(camera), start);
        return new CompletedSegment(SegmentIndexWriter.FolderOf(camera), relative, relative, start, start.AddSeconds(60), 1000, 1500, 60, VideoCodec.H264, 1280, 720);
    }
}
