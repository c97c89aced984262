namespace Vigie.Domain.Equipment;

/// <summary>
/// A planned intervention on a device: from <see cref="From"/> to <see cref="Until"/> it is "en maintenance" and its
/// technical alarms are muted. Always time-limited (at most <see cref="MaxDuration"/>), with a reason; ending it early
/// is recorded. The main courante has both.
/// </summary>
public sealed class MaintenanceWindow
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    private MaintenanceWindow()
    {
        Device = string.Empty;
        DeviceName = string.Empty;
        Reason = string.Empty;
        PlannedBy = string.Empty;
    }

    public MaintenanceWindow(string device, string deviceName, SiteId? siteId, DateTimeOffset from, DateTimeOffset until, string reason, string plannedBy, DateTimeOffset now)
        : this()
    {
        if (until <= from)
        {
            throw new DomainException("maintenance.range", "The maintenance must end after it starts.", nameof(Until));
        }

        if (until - from > MaxDuration)
        {
            throw new DomainException("maintenance.too_long", $"A maintenance lasts at most {MaxDuration.TotalDays:0} days: plan another one after it.", nameof(Until));
        }

        if (until <= now)
        {
            throw new DomainException("maintenance.past", "The maintenance must end in the future.", nameof(Until));
        }

        Device = device;
        DeviceName = deviceName;
        SiteId = siteId;
        From = from;
        Until = until;
        Reason = Guard.Text(reason, nameof(Reason), "maintenance.reason_required");
        PlannedBy = plannedBy;
        PlannedAt = now;
    }

    public long Id { get; private set; }

    public string Device { get; private set; }

    public string DeviceName { get; private set; }

    public SiteId? SiteId { get; private set; }

    public DateTimeOffset From { get; private set; }

    /// <summary>The end: as planned, or when it was ended early.</summary>
    public DateTimeOffset Until { get; private set; }

    public string Reason { get; private set; }

    public string PlannedBy { get; private set; }

    public DateTimeOffset PlannedAt { get; private set; }

    public string? EndedBy { get; private set; }

    public bool IsActive(DateTimeOffset now) => From <= now && now < Until;

    /// <summary>Ends it now (a window not started yet is cancelled).</summary>
    public void End(string by, DateTimeOffset now)
    {
        if (Until <= now)
        {
            throw new DomainException("maintenance.over", "This maintenance is already over.", nameof(Until));
        }

        Until = now < From ? From : now;
        EndedBy = by;
    }
}
