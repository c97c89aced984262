namespace Vigie.Domain.Equipment;

/// <summary>
/// One thing wrong with a device, as a health check found it now: a stable <see cref="Code"/> (one technical alarm
/// per device and code), how bad (<see cref="EquipmentState.Degraded"/> or <see cref="EquipmentState.Fault"/>) and
/// what to tell the operator. <see cref="Alarms"/> is false for what another part of Vigie already raises (a
/// transmitter's link loss, a camera's tamper): shown on the device, not raised twice.
/// </summary>
public sealed record EquipmentFinding(string Code, EquipmentState Severity, string French, string English, bool Alarms = true)
{
    public static EquipmentFinding Fault(string code, string french, string english) => new(code, EquipmentState.Fault, french, english);

    public static EquipmentFinding Degraded(string code, string french, string english) => new(code, EquipmentState.Degraded, french, english);
}
