namespace Vigie.Server.Features.Alarms;

/// <summary>Mise en attente: why, and when to be reminded (default in 15 minutes).</summary>
public sealed record ParkAlarm(string? Reason, DateTimeOffset? RemindAt);

/// <summary>Hand the alarm to a named colleague (transfer by its holder, reassignment by a supervisor).</summary>
public sealed record HandAlarm(Guid PersonId);

/// <summary>A supervisor's priority override.</summary>
public sealed record OverridePriority(int Priority, string? Reason);

/// <summary>Clôture: "false_alarm" (with its cause), "doubt_lifted" or "doubt_confirmed", and a summary.</summary>
public sealed record CloseAlarm(string? Verdict, string? Cause, string? Summary);

/// <summary>Someone an alarm may be handed to.</summary>
public sealed record Colleague(Guid Id, string DisplayName, Vigie.Domain.People.Role Role);
