namespace Vigie.Alarms.Intake;

/// <summary>What became of one JSON message; the names are the <c>outcome</c> label of <c>vigie_intake_messages_total</c>.</summary>
public enum JsonIntakeOutcome
{
    /// <summary>Committed: the sender may be acknowledged.</summary>
    Accepted,

    /// <summary>Its event_id was already stored for this source: acknowledged again, stored once.</summary>
    Duplicate,

    /// <summary>Malformed, against the schema, too large, or naming a site the source may not post for: never stored.</summary>
    Rejected,

    /// <summary>Valid but the database did not take it: not acknowledged, the sender must send it again.</summary>
    Failed,
}
