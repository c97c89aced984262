namespace Vigie.Domain.Equipment;

/// <summary>
/// A device entering a state, appended by the supervision when the state changes (never updated): the Équipements
/// page's 30-day history and the availability figures are read from these rows.
/// </summary>
public sealed class EquipmentStateChange
{
    public const int MaxDetailLength = 500;

    private EquipmentStateChange()
    {
        Device = string.Empty;
        Name = string.Empty;
        Detail = string.Empty;
    }

    public EquipmentStateChange(string device, EquipmentKind kind, string name, SiteId? siteId, EquipmentState state, DateTimeOffset at, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        Device = device.Length <= DeviceKeys.MaxLength ? device : throw new ArgumentException("The device key is too long.", nameof(device));
        Kind = kind;
        Name = Trim(name ?? string.Empty, Guard.MaxNameLength);
        SiteId = siteId;
        State = state;
        At = at;
        Detail = Trim(detail ?? string.Empty, MaxDetailLength);
    }

    public long Id { get; private set; }

    public string Device { get; private set; }

    public EquipmentKind Kind { get; private set; }

    /// <summary>The device's name when it changed (a removed camera's history keeps it).</summary>
    public string Name { get; private set; }

    public SiteId? SiteId { get; private set; }

    public EquipmentState State { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Detail { get; private set; }

    private static string Trim(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
