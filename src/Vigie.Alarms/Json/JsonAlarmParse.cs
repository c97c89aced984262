namespace Vigie.Alarms.Json;

/// <summary>The outcome of parsing one message: the message, or the field at fault and why (English, for the sender).</summary>
public sealed record JsonAlarmParse(JsonAlarmMessage? Message, string? Field, string? Error)
{
    public bool Ok => Message is not null;

    public static JsonAlarmParse Fail(string field, string error) => new(null, field, error);
}
