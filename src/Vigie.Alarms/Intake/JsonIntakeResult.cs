namespace Vigie.Alarms.Intake;

/// <summary>The outcome of one JSON message; for a rejected one the field at fault and why, to tell the sender.</summary>
public sealed record JsonIntakeResult(JsonIntakeOutcome Outcome, string? EventId = null, long? SignalId = null, string? Field = null, string? Error = null);
