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

    /// <summary>
    /// The zone of a camera's analytics signals: "cam-" and the end of its id (zones are 16 characters at most) for
    /// what its rules see; "tec-" and the same for its technical ones (tamper, a decoder or detector failing), so that
    /// an intrusion is never folded into a technical alarm, nor a technical restore taken for the end of an intrusion.
    /// The end, not the start: ids are UUIDv7, whose start is the instant they were made (cameras created together share it).
    /// </summary>
    public static string ZoneOf(CameraId camera, bool technical = false) =>
        (technical ? TechnicalZonePrefix : CameraZonePrefix) + camera.Value.ToString("N", System.Globalization.CultureInfo.InvariantCulture)[^12..];

    /// <summary>Whether a signal's or an alarm's zone is one of this camera's analytics zones (<see cref="ZoneOf"/>).</summary>
    public static bool IsZoneOf(string? zone, CameraId camera) => zone is not null && (zone == ZoneOf(camera) || zone == ZoneOf(camera, technical: true));

    /// <summary>Whether a zone names a camera (<see cref="ZoneOf"/>) rather than a panel's zone.</summary>
    public static bool IsCameraZone(string? zone) =>
        zone is { Length: 16 } && (zone.StartsWith(CameraZonePrefix, StringComparison.Ordinal) || zone.StartsWith(TechnicalZonePrefix, StringComparison.Ordinal));

    private const string CameraZonePrefix = "cam-";
    private const string TechnicalZonePrefix = "tec-";

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
