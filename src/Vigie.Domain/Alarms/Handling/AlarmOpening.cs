namespace Vigie.Domain.Alarms.Handling;

/// <summary>
/// Which signals open an alarm for an operator to handle; the others are only logged. By default: intrusion,
/// hold-up, panic, fire, tamper and technical faults (link lost among them), and any signal of an unknown
/// account; tests, openings/closings and uncategorised codes are logged only. Restores never open one.
/// </summary>
public sealed class AlarmOpening(IReadOnlySet<AlarmCategory> opening, bool unknownAccountOpens = true)
{
    public static readonly AlarmOpening Default = new(new HashSet<AlarmCategory>
    {
        AlarmCategory.Intrusion, AlarmCategory.HoldUp, AlarmCategory.Panic, AlarmCategory.Fire, AlarmCategory.Tamper, AlarmCategory.TechnicalFault,
    });

    public IReadOnlySet<AlarmCategory> Categories { get; } = opening ?? throw new ArgumentNullException(nameof(opening));

    public bool Opens(AlarmSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return !signal.IsRestore && (Categories.Contains(signal.Category) || (unknownAccountOpens && signal.UnknownAccount));
    }
}
