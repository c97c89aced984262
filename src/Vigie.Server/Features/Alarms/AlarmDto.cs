using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// An alarm as the queue, the API and the hub show it. Category, state, verdict and cause are lower-case words
/// (<c>intrusion</c>, <c>held</c>, <c>false_alarm</c>, <c>weather</c>).
/// </summary>
public sealed record AlarmDto(
    long Id,
    Guid? SiteId,
    string? SiteName,
    string Category,
    int Priority,
    string? PriorityReason,
    string State,
    Guid? HeldBy,
    string? HeldByName,
    int SignalCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastSignalAt,
    string Title,
    string? Zone,
    string? Account,
    bool UnknownAccount,
    bool Restored,
    string? VerificationUrl,
    DateTimeOffset? FirstTakenAt,
    string? ParkReason,
    DateTimeOffset? RemindAt,
    DateTimeOffset? ClosedAt,
    string? Verdict,
    string? Cause,
    string? Summary,
    int Escalation = 0,
    long? IncidentId = null)
{
    public bool IsOpen => State != StateName(AlarmState.Closed);

    public static AlarmDto From(Alarm alarm, string? siteName)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new AlarmDto(
            alarm.Id, alarm.SiteId?.Value, siteName, AlarmCategoryNames.NameOf(alarm.Category), alarm.Priority, alarm.PriorityReason,
            StateName(alarm.State), alarm.HeldBy?.Value, alarm.State == AlarmState.Held ? alarm.HeldByName : null, alarm.SignalCount, alarm.OpenedAt,
            alarm.LastSignalAt, alarm.Title, alarm.Zone, alarm.Account, alarm.UnknownAccount, alarm.Restored, alarm.VerificationUrl, alarm.FirstTakenAt,
            alarm.ParkReason, alarm.RemindAt, alarm.ClosedAt, alarm.Verdict is { } v ? VerdictName(v) : null, alarm.Cause is { } c ? CauseName(c) : null,
            alarm.Summary, alarm.Escalation, alarm.IncidentId);
    }

    /// <summary>"new", "held", "parked", "closed": the API's words for the states.</summary>
    public static string StateName(AlarmState state) => state switch
    {
        AlarmState.New => "new",
        AlarmState.Held => "held",
        AlarmState.Parked => "parked",
        _ => "closed",
    };

    public static string VerdictName(AlarmVerdict verdict) => verdict switch
    {
        AlarmVerdict.FalseAlarm => "false_alarm",
        AlarmVerdict.DoubtLifted => "doubt_lifted",
        _ => "doubt_confirmed",
    };

    public static bool TryParseVerdict(string? name, out AlarmVerdict verdict) => EnumNames.TryParse(name, VerdictName, out verdict);

    public static string CauseName(FalseAlarmCause cause) => cause switch
    {
        FalseAlarmCause.Animal => "animal",
        FalseAlarmCause.Weather => "weather",
        FalseAlarmCause.UserError => "user_error",
        FalseAlarmCause.TechnicalFault => "technical_fault",
        _ => "unknown",
    };

    public static bool TryParseCause(string? name, out FalseAlarmCause cause) => EnumNames.TryParse(name, CauseName, out cause);
}
