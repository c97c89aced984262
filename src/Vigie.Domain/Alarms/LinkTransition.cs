using System.Globalization;

namespace Vigie.Domain.Alarms;

/// <summary>
/// A transmitter's link changing state, as <see cref="LinkSupervision"/> found it at <paramref name="At"/>:
/// lost after <paramref name="Silence"/> without a message (code <c>YC</c>, "défaut de transmission"), or restored
/// by a message (<c>YK</c>, "transmission rétablie"). Its wording goes to the signal and to the main courante.
/// </summary>
public sealed record LinkTransition(string Account, SiteId SiteId, bool Lost, TimeSpan Silence, TimeSpan Interval, DateTimeOffset At)
{
    public string Code => Lost ? "YC" : "YK";

    public string French => Lost
        ? string.Create(CultureInfo.InvariantCulture, $"Défaut de transmission — compte {Account} : aucun message depuis {Math.Round(Silence.TotalSeconds)} s (attendu toutes les {Interval.TotalSeconds} s)")
        : $"Transmission rétablie — compte {Account}";

    public string English => Lost
        ? string.Create(CultureInfo.InvariantCulture, $"Transmission fault — account {Account}: no message for {Math.Round(Silence.TotalSeconds)} s (expected every {Interval.TotalSeconds} s)")
        : $"Transmission restored — account {Account}";

    /// <summary>The technical signal that reports the change (a restore when the link is back), with the installation's priority.</summary>
    public AlarmSignal ToSignal(AlarmPriorities priorities)
    {
        ArgumentNullException.ThrowIfNull(priorities);
        return new AlarmSignal(LinkSupervision.Source, At, SiteId, Account, Code, AlarmCategory.TechnicalFault, isRestore: !Lost,
            priorities.Of(AlarmCategory.TechnicalFault), French, English, raw: string.Empty);
    }
}
