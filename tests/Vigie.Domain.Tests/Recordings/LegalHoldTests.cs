using Vigie.Domain.Recordings;

namespace Vigie.Domain.Tests.Recordings;

public sealed class LegalHoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly CameraId Camera = CameraId.New();

    [Fact]
    public void A_hold_covers_segments_that_overlap_its_range_only()
    {
        var hold = new LegalHold(Camera, T0, T0.AddMinutes(10), "Vol", "PV 1", "chef", T0);
        Assert.True(hold.Covers(Camera, T0.AddMinutes(-1), T0.AddSeconds(1)));
        Assert.True(hold.Covers(Camera, T0.AddMinutes(9), T0.AddMinutes(11)));
        Assert.False(hold.Covers(Camera, T0.AddMinutes(10), T0.AddMinutes(11)));
        Assert.False(hold.Covers(Camera, T0.AddMinutes(-2), T0));
    }

    [Fact]
    public void A_hold_needs_a_reason_a_procedure_number_and_a_forward_range()
    {
        Assert.Equal("hold.reason_required", Assert.Throws<DomainException>(() => new LegalHold(Camera, T0, T0.AddMinutes(1), " ", "PV 1", "chef", T0)).Code);
        Assert.Equal("hold.procedure_required", Assert.Throws<DomainException>(() => new LegalHold(Camera, T0, T0.AddMinutes(1), "Vol", "", "chef", T0)).Code);
        Assert.Equal("hold.range_invalid", Assert.Throws<DomainException>(() => new LegalHold(Camera, T0, T0, "Vol", "PV 1", "chef", T0)).Code);
    }

    [Fact]
    public void A_hold_is_released_once()
    {
        var hold = new LegalHold(Camera, T0, T0.AddMinutes(10), "Vol", "PV 1", "chef", T0);
        hold.Release("chef", T0.AddDays(3), "procédure close");
        Assert.False(hold.IsActive);
        Assert.False(hold.Covers(Camera, T0, T0.AddMinutes(1)));
        Assert.Equal("hold.already_released", Assert.Throws<DomainException>(() => hold.Release("chef", T0.AddDays(4), "encore")).Code);
    }
}
