namespace Vigie.Domain.Alarms.Handling;

/// <summary>
/// A camera that looks at a zone of a site's alarm panel: the levée de doute shows the cameras of the alarm's
/// zone first (all the site's cameras when its zone has none).
/// </summary>
public sealed class ZoneCamera(SiteId siteId, string zone, CameraId cameraId)
{
    public const int MaxZoneLength = 16;

    public SiteId SiteId { get; private set; } = siteId;

    public string Zone { get; private set; } = zone;

    public CameraId CameraId { get; private set; } = cameraId;

    /// <summary>A zone as panels send it ("003", "12"): trimmed, 1 to 16 characters.</summary>
    public static string NormaliseZone(string? zone)
    {
        var trimmed = zone?.Trim() ?? string.Empty;
        return trimmed.Length is 0 or > MaxZoneLength
            ? throw new DomainException("zone.invalid", $"A zone is 1 to {MaxZoneLength} characters.", nameof(Zone))
            : trimmed;
    }
}
