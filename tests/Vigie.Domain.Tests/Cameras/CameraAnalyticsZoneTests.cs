using Vigie.Domain.Cameras;

namespace Vigie.Domain.Tests.Cameras;

/// <summary>The zone an analytics alarm names its camera by: one camera each, even for cameras created in the same millisecond.</summary>
public sealed class CameraAnalyticsZoneTests
{
    [Fact]
    public void Cameras_created_together_have_zones_of_their_own_and_each_camera_two_zones()
    {
        // UUIDv7: the same first 48 bits for ids made in the same millisecond (the demo seeds its cameras so).
        var first = new CameraId(Guid.Parse("01a249de-abdb-73b0-8b0b-edee93a4db1c"));
        var second = new CameraId(Guid.Parse("01a249de-abdb-7c41-9e2e-4f1a0b2c3d4e"));

        Assert.NotEqual(CameraAnalytics.ZoneOf(first), CameraAnalytics.ZoneOf(second));
        Assert.True(CameraAnalytics.IsZoneOf(CameraAnalytics.ZoneOf(first), first));
        Assert.False(CameraAnalytics.IsZoneOf(CameraAnalytics.ZoneOf(first), second));
        Assert.True(CameraAnalytics.IsZoneOf(CameraAnalytics.ZoneOf(first, technical: true), first));
        Assert.NotEqual(CameraAnalytics.ZoneOf(first), CameraAnalytics.ZoneOf(first, technical: true));
        Assert.All([CameraAnalytics.ZoneOf(first), CameraAnalytics.ZoneOf(first, technical: true)], z =>
        {
            Assert.Equal(16, z.Length);
            Assert.True(CameraAnalytics.IsCameraZone(z));
        });
        Assert.False(CameraAnalytics.IsCameraZone("001"));
    }
}
