namespace Vigie.Domain.Alarms;

/// <summary>What kind of event a signal reports; decides its default priority and how an operator treats it.</summary>
public enum AlarmCategory
{
    Intrusion,

    /// <summary>Hold-up / agression.</summary>
    HoldUp,

    Panic,

    Fire,

    Tamper,

    TechnicalFault,

    OpeningClosing,

    Test,

    /// <summary>Understood by the codec but of no category above (e.g. a log-only code).</summary>
    Other,
}
