using Vigie.Domain.Cameras;

namespace Vigie.Domain.Tests.Cameras;

public sealed class PrivacyMaskTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<MaskPoint> Square(double from, double to) => [new(from, from), new(to, from), new(to, to), new(from, to)];

    [Fact]
    public void Polygons_are_kept_as_drawn_and_read_back()
    {
        var mask = new PrivacyMask(CameraId.New());
        mask.Set([Square(0.1, 0.4), [new(0.5, 0.5), new(0.9, 0.5), new(0.7, 0.95)]], serverSide: true, "chef", T0);

        Assert.Equal(2, mask.Polygons.Count);
        Assert.Equal(Square(0.1, 0.4), mask.Polygons[0]);
        Assert.Equal(new MaskPoint(0.7, 0.95), mask.Polygons[1][2]);
        Assert.True(mask.ServerSide);
        Assert.Equal(("chef", T0), (mask.UpdatedBy, mask.UpdatedAt));
    }

    [Fact]
    public void Bad_polygons_are_refused_naming_why()
    {
        var mask = new PrivacyMask(CameraId.New());
        Assert.Equal("mask.polygon_points", Assert.Throws<DomainException>(() => mask.Set([[new(0, 0), new(1, 1)]], false, "chef", T0)).Code);
        Assert.Equal("mask.point_outside", Assert.Throws<DomainException>(() => mask.Set([[new(0, 0), new(1.2, 0), new(0, 1)]], false, "chef", T0)).Code);
        Assert.Equal("mask.point_outside", Assert.Throws<DomainException>(() => mask.Set([[new(double.NaN, 0), new(1, 0), new(0, 1)]], false, "chef", T0)).Code);
        Assert.Equal("mask.too_many_polygons", Assert.Throws<DomainException>(() => mask.Set([.. Enumerable.Repeat(Square(0, 1), PrivacyMask.MaxPolygons + 1)], false, "chef", T0)).Code);
        Assert.Equal("mask.server_side_empty", Assert.Throws<DomainException>(() => mask.Set([], true, "chef", T0)).Code);
        Assert.True(mask.IsEmpty);
    }

    [Fact]
    public void A_lift_has_a_reason_and_lasts_at_most_an_hour()
    {
        var camera = CameraId.New();
        var lift = new MaskLift(camera, PersonId.New(), "chef", "Identification d'un suspect", T0, TimeSpan.FromMinutes(15));
        Assert.True(lift.IsActive(T0.AddMinutes(14)));
        Assert.False(lift.IsActive(T0.AddMinutes(15)));
        Assert.Equal("mask.lift_reason_required", Assert.Throws<DomainException>(() => new MaskLift(camera, PersonId.New(), "chef", " ", T0, TimeSpan.FromMinutes(5))).Code);
        Assert.Equal("mask.lift_duration", Assert.Throws<DomainException>(() => new MaskLift(camera, PersonId.New(), "chef", "x", T0, TimeSpan.FromMinutes(61))).Code);
    }
}
