using Vigie.Domain.People;

namespace Vigie.Domain.Cameras;

/// <summary>
/// A camera's video analytics: whether they run, and its rules (the JSON of docs/analytics.md, checked by the
/// analytics engine before it is saved), with who changed them last and when. One row per camera that has any.
/// </summary>
public sealed class CameraAnalytics
{
    /// <summary>Rules larger than this are refused (a camera has a handful of zones, not thousands).</summary>
    public const int MaxRulesLength = 64 * 1024;

    private CameraAnalytics()
    {
        Rules = "{}";
    }

    public CameraAnalytics(CameraId cameraId, bool enabled, string rules, PersonId? changedBy, DateTimeOffset changedAt)
        : this()
    {
        CameraId = cameraId;
        Change(enabled, rules, changedBy, changedAt);
    }

    public CameraId CameraId { get; private set; }

    /// <summary>The zone of a camera's analytics signals: "cam-" and the start of its id (zones are 16 characters at most).</summary>
    public static string ZoneOf(CameraId camera) => CameraZonePrefix + camera.Value.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[..12];

    /// <summary>Whether a signal's or an alarm's zone is this camera's analytics zone (<see cref="ZoneOf"/>).</summary>
    public static bool IsZoneOf(string? zone, CameraId camera) => zone is not null && zone == ZoneOf(camera);

    /// <summary>Whether a zone names a camera (<see cref="ZoneOf"/>) rather than a panel's zone.</summary>
    public static bool IsCameraZone(string? zone) => zone is { Length: 16 } && zone.StartsWith(CameraZonePrefix, StringComparison.Ordinal);

    private const string CameraZonePrefix = "cam-";

    public bool Enabled { get; private set; }

    /// <summary>The rules as JSON (docs/analytics-rules.schema.json).</summary>
    public string Rules { get; private set; }

    public PersonId? ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public void Change(bool enabled, string rules, PersonId? changedBy, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Length > MaxRulesLength)
        {
            throw new DomainException("analytics.rules_too_large", $"Rules are limited to {MaxRulesLength / 1024} KiB.", nameof(Rules));
        }

        Enabled = enabled;
        Rules = rules;
        ChangedBy = changedBy;
        ChangedAt = changedAt;
    }
}
