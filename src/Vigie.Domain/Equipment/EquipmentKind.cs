namespace Vigie.Domain.Equipment;

/// <summary>What a supervised device is; the API writes these in lower case (<c>camera</c>, <c>recorder</c>…).</summary>
public enum EquipmentKind
{
    Camera,

    /// <summary>The recording of one camera (segments written, write errors, index lag).</summary>
    Recorder,

    /// <summary>The file system holding the recordings.</summary>
    Storage,

    /// <summary>An alarm transmitter (its account's link supervision).</summary>
    Transmitter,

    /// <summary>The machine running Vigie.</summary>
    Host,

    /// <summary>The centre's own equipment declared by hand: UPS, air conditioning, fire panel…</summary>
    Other,
}

/// <summary>A device's state at a glance, worst first when several findings apply.</summary>
public enum EquipmentState
{
    Ok,
    Degraded,
    Fault,

    /// <summary>En maintenance: its technical alarms are muted until the window ends.</summary>
    Maintenance,
}

/// <summary>The lower-case names the API and the console use for <see cref="EquipmentKind"/> and <see cref="EquipmentState"/>.</summary>
public static class EquipmentNames
{
    public static string Of(EquipmentKind kind) => kind.ToString().ToLowerInvariant();

    public static string Of(EquipmentState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? name, out EquipmentKind kind) => Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _);

    public static bool TryParseState(string? name, out EquipmentState state) => Enum.TryParse(name, ignoreCase: true, out state) && Enum.IsDefined(state) && !int.TryParse(name, out _);
}
