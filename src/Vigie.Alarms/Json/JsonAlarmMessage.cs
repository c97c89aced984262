using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Json;

/// <summary>
/// One alarm message of a webhook or MQTT source, as docs/intake-message.schema.json describes it, checked
/// but not yet tied to a source: the sender's idempotency key, what happened (a category, a code, or both),
/// where, when, and how urgent if the sender insists.
/// </summary>
public sealed record JsonAlarmMessage(
    string EventId,
    DateTimeOffset? Time,
    AlarmCategory? Category,
    string? Code,
    bool? Restore,
    string? Zone,
    string? User,
    string? Area,
    string? Text,
    string? Site,
    int? Priority,
    string? VerificationUrl);
