namespace Vigie.Domain.Equipment;

/// <summary>
/// A technical alarm raised for one device and fault and not restored yet, kept so that a restart of the host
/// resumes it (the restore still comes when the fault clears, a repeat still folds into it).
/// </summary>
public sealed class EquipmentAlarm
{
    private EquipmentAlarm()
    {
        Device = string.Empty;
        Code = string.Empty;
    }

    public EquipmentAlarm(string device, string code, DateTimeOffset raisedAt, int count)
    {
        Device = device;
        Code = code;
        RaisedAt = raisedAt;
        Count = count;
    }

    public string Device { get; private set; }

    public string Code { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>How many times the fault came (1, then one more for each return after it had cleared).</summary>
    public int Count { get; private set; }

    public void Counted(int count) => Count = count;
}
