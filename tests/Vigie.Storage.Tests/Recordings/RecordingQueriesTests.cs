using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Domain.Recordings;
using Vigie.Domain.Sites;
using Vigie.Storage.Database;
using Vigie.Storage.Recordings;
using Vigie.Storage.Tests.Database;

namespace Vigie.Storage.Tests.Recordings;

public sealed class RecordingQueriesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Midnight in Paris on 28 November 2026 (UTC+1), in UTC as stored (PostgreSQL takes UTC only).</summary>
    private static readonly DateTimeOffset ParisMidnight = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task A_window_lists_what_overlaps_it_in_time_order_including_rows_over_its_edges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (camera, other) = await CamerasAsync(database);
        var to = ParisMidnight.AddDays(1);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.RecordingSegments.AddRange(
                Segment(camera, ParisMidnight.AddHours(9), "in/2.mp4"),
                Segment(camera, ParisMidnight.AddSeconds(-30), "edge/start.mp4"),
                Segment(camera, to.AddSeconds(-30), "edge/end.mp4"),
                Segment(camera, ParisMidnight.AddMinutes(-1), "before.mp4"),
                Segment(camera, to, "after.mp4"),
                Segment(other, ParisMidnight.AddHours(9), "other.mp4"));
            db.RecordingGaps.AddRange(
                new RecordingGap(camera, ParisMidnight.AddHours(10), ParisMidnight.AddHours(11), "perte vidéo"),
                new RecordingGap(camera, ParisMidnight.AddHours(3), ParisMidnight.AddHours(3), "instant"),
                new RecordingGap(camera, ParisMidnight.AddHours(-2), ParisMidnight, "ends at midnight"));
            var released = new LegalHold(camera, ParisMidnight, to, "Levée", "PV 1", "chef", ParisMidnight);
            released.Release("chef", ParisMidnight.AddHours(1), "procédure close");
            db.LegalHolds.AddRange(new LegalHold(camera, ParisMidnight.AddHours(8), ParisMidnight.AddHours(10), "Vol", "PV 2", "chef", ParisMidnight), released);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.Factory.CreateDbContext())
        {
            var segments = await RecordingQueries.SegmentsAsync(db, camera, ParisMidnight, to, Ct);
            var gaps = await RecordingQueries.GapsAsync(db, camera, ParisMidnight, to, Ct);
            var holds = await RecordingQueries.ActiveHoldsAsync(db, camera, ParisMidnight, to, Ct);

            Assert.Equal(["edge/start.mp4", "in/2.mp4", "edge/end.mp4"], segments.Select(s => s.Path));
            Assert.Equal(["instant", "perte vidéo"], gaps.Select(g => g.Reason));
            Assert.Equal(["PV 2"], holds.Select(h => h.ProcedureNumber));
        }
    }

    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Days_are_the_zones_calendar_days_that_hold_a_segment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var (camera, other) = await CamerasAsync(database);
        await using (var db = database.Factory.CreateDbContext())
        {
            db.RecordingSegments.AddRange(
                // 23:30 UTC on the 27th is 00:30 on the 28th in Paris.
                Segment(camera, new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero), "a.mp4"),
                Segment(camera, ParisMidnight.AddHours(12), "b.mp4"),
                // Runs over Paris midnight into the 29th.
                Segment(camera, ParisMidnight.AddDays(1).AddSeconds(-20), "c.mp4"),
                // Ends exactly at midnight: does not reach the 3rd.
                Segment(camera, ParisMidnight.AddDays(5).AddMinutes(-1), "d.mp4"),
                Segment(other, ParisMidnight.AddDays(10), "other.mp4"));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.Factory.CreateDbContext())
        {
            Assert.Equal([new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29), new DateOnly(2026, 12, 2)], await RecordingQueries.DaysAsync(db, camera, Paris, Ct));
            Assert.Equal([new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 2)], await RecordingQueries.DaysAsync(db, camera, TimeZoneInfo.Utc, Ct));
        }
    }

    [Fact]
    public void A_day_starts_at_local_midnight_also_on_clock_change_days()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), RecordingQueries.StartOf(new DateOnly(2026, 3, 29), Paris));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), RecordingQueries.StartOf(new DateOnly(2026, 3, 30), Paris));
        Assert.Equal(new DateOnly(2026, 3, 29), RecordingQueries.DayOf(new DateTimeOffset(2026, 3, 29, 21, 59, 0, TimeSpan.Zero), Paris));
    }

    private static RecordingSegment Segment(CameraId camera, DateTimeOffset start, string path) =>
        new(camera, start, start.AddMinutes(1), path, 1_000_000, 1500, 60, "h264", 1280, 720);

    private static async Task<(CameraId Camera, CameraId Other)> CamerasAsync(TestDatabase database)
    {
        await using var db = database.Factory.CreateDbContext();
        var site = new Site(SiteId.New(), "Gare", "SNCF", "Quai");
        var camera = new Camera(CameraId.New(), site.Id, "Quai 1", "rtsp://127.0.0.1:8554/cam1");
        var other = new Camera(CameraId.New(), site.Id, "Quai 2", "rtsp://127.0.0.1:8554/cam2");
        db.Sites.Add(site);
        db.Cameras.AddRange(camera, other);
        await db.SaveChangesAsync(Ct);
        return (camera.Id, other.Id);
    }
}
