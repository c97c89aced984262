using System.Globalization;
using System.Text;

namespace Vigie.Domain.Cameras;

/// <summary>A point of a mask polygon, in fractions of the picture (0 = left or top, 1 = right or bottom): masks fit every resolution of the camera.</summary>
public readonly record struct MaskPoint(double X, double Y);

/// <summary>
/// The privacy masks of one camera (CSI L251-3: cameras must not show the inside of homes nor, specifically, their
/// entrances): polygons that hide what the camera must not show. Always burned into exports; drawn over live and
/// recorded video in the console; with <see cref="ServerSide"/>, the server masks the stream itself so that raw pixels
/// never reach those who may not lift masks.
/// </summary>
public sealed class PrivacyMask
{
    public const int MaxPolygons = 16;
    public const int MaxPoints = 32;

    private PrivacyMask()
    {
        Shape = string.Empty;
        UpdatedBy = string.Empty;
    }

    public PrivacyMask(CameraId cameraId)
        : this()
    {
        CameraId = cameraId;
    }

    public CameraId CameraId { get; private set; }

    /// <summary>The polygons as stored: "x y,x y,x y;x y,…", invariant culture.</summary>
    public string Shape { get; private set; }

    /// <summary>The server masks the camera's video itself (for sites whose authorisation requires it).</summary>
    public bool ServerSide { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public IReadOnlyList<IReadOnlyList<MaskPoint>> Polygons => Parse(Shape);

    public bool IsEmpty => Shape.Length == 0;

    /// <summary>Replaces the polygons; each has 3 to <see cref="MaxPoints"/> points inside the picture.</summary>
    public void Set(IReadOnlyList<IReadOnlyList<MaskPoint>> polygons, bool serverSide, string updatedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        if (polygons.Count > MaxPolygons)
        {
            throw new DomainException("mask.too_many_polygons", $"A camera has at most {MaxPolygons} masks.", nameof(Polygons));
        }

        foreach (var polygon in polygons)
        {
            if (polygon is null || polygon.Count < 3 || polygon.Count > MaxPoints)
            {
                throw new DomainException("mask.polygon_points", $"A mask has 3 to {MaxPoints} points.", nameof(Polygons));
            }

            if (polygon.Any(p => !(p.X is >= 0 and <= 1) || !(p.Y is >= 0 and <= 1)))
            {
                throw new DomainException("mask.point_outside", "A mask's points lie inside the picture (0 to 1 across and down).", nameof(Polygons));
            }
        }

        if (serverSide && polygons.Count == 0)
        {
            throw new DomainException("mask.server_side_empty", "Server-side masking needs at least one mask.", nameof(ServerSide));
        }

        Shape = Format(polygons);
        ServerSide = serverSide;
        UpdatedBy = updatedBy;
        UpdatedAt = at;
    }

    private static string Format(IReadOnlyList<IReadOnlyList<MaskPoint>> polygons)
    {
        var text = new StringBuilder();
        foreach (var polygon in polygons)
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.AppendJoin(',', polygon.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(p.X, 5)} {Math.Round(p.Y, 5)}")));
        }

        return text.ToString();
    }

    private static IReadOnlyList<IReadOnlyList<MaskPoint>> Parse(string shape) =>
        shape.Length == 0
            ? []
            : [.. shape.Split(';').Select(polygon => (IReadOnlyList<MaskPoint>)[.. polygon.Split(',').Select(point =>
            {
                var xy = point.Split(' ');
                return new MaskPoint(double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
            })])];
}

/// <summary>
/// A supervisor's temporary lift of a camera's masks (to identify a person at an incident, say), with the reason:
/// for its duration the supervisor sees the camera unmasked in the console. Logged and audited; never affects exports.
/// </summary>
public sealed class MaskLift
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    private MaskLift()
    {
        PersonName = string.Empty;
        Reason = string.Empty;
    }

    public MaskLift(CameraId cameraId, PersonId personId, string personName, string reason, DateTimeOffset from, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            throw new DomainException("mask.lift_duration", $"A mask is lifted for at most {MaxDuration.TotalMinutes:0} minutes.", nameof(Until));
        }

        Id = Guid.CreateVersion7();
        CameraId = cameraId;
        PersonId = personId;
        PersonName = personName;
        Reason = Guard.Text(reason, nameof(Reason), "mask.lift_reason_required");
        From = from;
        Until = from + duration;
    }

    public Guid Id { get; private set; }

    public CameraId CameraId { get; private set; }

    public PersonId PersonId { get; private set; }

    public string PersonName { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset Until { get; private set; }

    public bool IsActive(DateTimeOffset now) => From <= now && now < Until;
}
