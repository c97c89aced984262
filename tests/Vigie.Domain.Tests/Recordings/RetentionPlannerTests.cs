using Vigie.Domain.Recordings;

namespace Vigie.Domain.Tests.Recordings;

public sealed class RetentionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly CameraId Quai = CameraId.New();
    private static readonly CameraId Hall = CameraId.New();

    [Fact]
    public void Segments_older_than_the_cameras_retention_are_purged_and_younger_ones_stay()
    {
        var old = Segment(Quai, Now.AddDays(-31));
        var young = Segment(Quai, Now.AddDays(-29));
        var plan = RetentionPlanner.Plan([old, young], [], _ => 30, Now, freeBytes: long.MaxValue / 2, minimumFreeBytes: 0);
        var decision = Assert.Single(plan);
        Assert.Same(old, decision.Segment);
        Assert.Equal(PurgeReason.RetentionExpired, decision.Reason);
    }

    [Fact]
    public void Each_camera_keeps_its_own_retention()
    {
        var quai = Segment(Quai, Now.AddDays(-8));
        var hall = Segment(Hall, Now.AddDays(-8));
        var plan = RetentionPlanner.Plan([quai, hall], [], c => c == Quai ? 7 : 30, Now, long.MaxValue / 2, 0);
        Assert.Same(quai, Assert.Single(plan).Segment);
    }

    [Fact]
    public void Retention_above_the_legal_limit_is_capped_at_30_days()
    {
        var old = Segment(Quai, Now.AddDays(-31));
        var plan = RetentionPlanner.Plan([old], [], _ => 90, Now, long.MaxValue / 2, 0);
        Assert.Single(plan);
    }

    [Fact]
    public void A_segment_under_legal_hold_is_never_purged_even_when_expired_or_the_disk_is_full()
    {
        var held = Segment(Quai, Now.AddDays(-40));
        var hold = new LegalHold(Quai, held.StartsAt.AddSeconds(10), held.StartsAt.AddSeconds(20), "Vol à l'arraché", "PV 2026/1234", "chef", Now.AddDays(-39));
        var plan = RetentionPlanner.Plan([held], [hold], _ => 30, Now, freeBytes: 0, minimumFreeBytes: long.MaxValue);
        Assert.Empty(plan);
    }

    [Fact]
    public void A_released_hold_no_longer_protects_its_segments()
    {
        var held = Segment(Quai, Now.AddDays(-40));
        var hold = new LegalHold(Quai, held.StartsAt, held.EndsAt, "Vol", "PV 1", "chef", Now.AddDays(-39));
        hold.Release("chef", Now.AddDays(-1), "procédure close");
        Assert.Single(RetentionPlanner.Plan([held], [hold], _ => 30, Now, long.MaxValue / 2, 0));
    }

    [Fact]
    public void A_hold_on_another_camera_does_not_protect()
    {
        var segment = Segment(Quai, Now.AddDays(-40));
        var hold = new LegalHold(Hall, segment.StartsAt, segment.EndsAt, "Vol", "PV 1", "chef", Now);
        Assert.Single(RetentionPlanner.Plan([segment], [hold], _ => 30, Now, long.MaxValue / 2, 0));
    }

    [Fact]
    public void Low_disk_deletes_the_oldest_segments_first_until_the_mark_is_reached()
    {
        var first = Segment(Quai, Now.AddDays(-3), bytes: 100);
        var second = Segment(Hall, Now.AddDays(-2), bytes: 100);
        var third = Segment(Quai, Now.AddDays(-1), bytes: 100);
        var plan = RetentionPlanner.Plan([third, first, second], [], _ => 30, Now, freeBytes: 50, minimumFreeBytes: 220);
        Assert.Equal([first, second], plan.Select(d => d.Segment));
        Assert.All(plan, d => Assert.Equal(PurgeReason.LowDiskSpace, d.Reason));
    }

    [Fact]
    public void Expired_deletions_count_towards_the_free_space_mark()
    {
        var expired = Segment(Quai, Now.AddDays(-31), bytes: 500);
        var recent = Segment(Quai, Now.AddDays(-1), bytes: 500);
        var plan = RetentionPlanner.Plan([expired, recent], [], _ => 30, Now, freeBytes: 0, minimumFreeBytes: 400);
        Assert.Same(expired, Assert.Single(plan).Segment);
    }

    [Fact]
    public void Low_disk_skips_held_segments_and_takes_the_next_oldest()
    {
        var held = Segment(Quai, Now.AddDays(-3), bytes: 100);
        var next = Segment(Quai, Now.AddDays(-2), bytes: 100);
        var hold = new LegalHold(Quai, held.StartsAt, held.EndsAt, "Agression", "PV 9", "chef", Now);
        var plan = RetentionPlanner.Plan([held, next], [hold], _ => 30, Now, freeBytes: 0, minimumFreeBytes: 100);
        Assert.Same(next, Assert.Single(plan).Segment);
    }

    [Fact]
    public void Missing_segments_are_not_planned()
    {
        var missing = Segment(Quai, Now.AddDays(-40));
        missing.MarkMissing();
        Assert.Empty(RetentionPlanner.Plan([missing], [], _ => 30, Now, 0, long.MaxValue));
    }

    private static RecordingSegment Segment(CameraId camera, DateTimeOffset start, long bytes = 1000) =>
        new(camera, start, start.AddSeconds(60), $"{camera}/{start:yyyyMMddHHmmss}.mp4", bytes, 1500, 60, "h264", 1280, 720);
}
