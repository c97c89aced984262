namespace Vigie.Domain.Alarms.Handling;

/// <summary>A signal attached to an alarm (the one that opened it, and each one folded into it).</summary>
public sealed class AlarmSignalLink(long alarmId, long signalId)
{
    public long AlarmId { get; private set; } = alarmId;

    public long SignalId { get; private set; } = signalId;
}
