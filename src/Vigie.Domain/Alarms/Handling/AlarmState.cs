namespace Vigie.Domain.Alarms.Handling;

/// <summary>Where an alarm is in its handling: nouvelle → prise en charge → (en attente ↔ prise en charge) → clôturée.</summary>
public enum AlarmState
{
    /// <summary>Nouvelle: opened by a signal, nobody has it yet.</summary>
    New,

    /// <summary>Prise en charge: one person holds it.</summary>
    Held,

    /// <summary>En attente: parked with a reason and a reminder time; anyone of the site may take it again.</summary>
    Parked,

    /// <summary>Clôturée: with its verdict and summary; nothing changes it any more.</summary>
    Closed,
}

/// <summary>The operator's conclusion when closing.</summary>
public enum AlarmVerdict
{
    /// <summary>Fausse alarme (with its <see cref="FalseAlarmCause"/>).</summary>
    FalseAlarm,

    /// <summary>Doute levé: nothing found that confirms an intrusion or a danger.</summary>
    DoubtLifted,

    /// <summary>Doute avéré: the intrusion or the danger is confirmed.</summary>
    DoubtConfirmed,
}

/// <summary>Why an alarm was false.</summary>
public enum FalseAlarmCause
{
    Animal,
    Weather,
    UserError,
    TechnicalFault,
    Unknown,
}
