using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Recordings;
using Vigie.Domain.Sites;
using Vigie.Storage.Database;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Recordings;

public sealed class RecordingIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Segments_gaps_and_holds_round_trip_and_query_by_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var camera = await CameraAsync(database);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.RecordingSegments.AddRange(
                new RecordingSegment(camera, T0, T0.AddSeconds(60), "a/1.mp4", 1_000_000, 1500, 60, "h264", 1280, 720),
                new RecordingSegment(camera, T0.AddSeconds(60), T0.AddSeconds(120), "a/2.mp4", 1_000_000, 1500, 60, "h264", 1280, 720));
            db.RecordingGaps.Add(new RecordingGap(camera, T0.AddSeconds(120), T0.AddSeconds(125), "camera offline"));
            db.LegalHolds.Add(new LegalHold(camera, T0, T0.AddSeconds(30), "Vol", "PV 2026/77", "chef", T0));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.Factory.CreateDbContext())
        {
            var after = T0.AddSeconds(59);
            var segments = await db.RecordingSegments.Where(s => s.CameraId == camera && s.EndsAt > after).OrderBy(s => s.StartsAt).ToListAsync(Ct);
            Assert.Equal(["a/1.mp4", "a/2.mp4"], segments.Select(s => s.Path));
            Assert.Equal(TimeSpan.FromSeconds(60), segments[0].Duration);
            Assert.Equal("camera offline", (await db.RecordingGaps.SingleAsync(Ct)).Reason);
            var hold = await db.LegalHolds.SingleAsync(Ct);
            Assert.True(RetentionPlanner.IsHeld(segments[0], [hold]));
            Assert.False(RetentionPlanner.IsHeld(segments[1], [hold]));
        }
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task The_database_refuses_to_rewrite_or_delete_the_purge_log(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var camera = await CameraAsync(database);
        await using (var db = database.Factory.CreateDbContext())
        {
            var segment = new RecordingSegment(camera, T0, T0.AddSeconds(60), "a/1.mp4", 1000, 1500, 60, "h264", 1280, 720);
            db.PurgeLog.Add(new PurgeRecord(segment, PurgeReason.RetentionExpired, T0.AddDays(31)));
            await db.SaveChangesAsync(Ct);
        }

        var update = await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync("UPDATE purge_log SET \"Path\" = 'x'", Ct));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteRawAsync("DELETE FROM purge_log", Ct));
        Assert.Equal(1L, Convert.ToInt64(await database.ScalarRawAsync("SELECT COUNT(*) FROM purge_log", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<CameraId> CameraAsync(TestDatabase database)
    {
        await using var db = database.Factory.CreateDbContext();
        var site = new Site(SiteId.New(), "Gare", "SNCF", "Quai");
        var camera = new Camera(CameraId.New(), site.Id, "Quai 1", "rtsp://127.0.0.1:8554/cam1");
        db.Sites.Add(site);
        db.Cameras.Add(camera);
        await db.SaveChangesAsync(Ct);
        return camera.Id;
    }
}
