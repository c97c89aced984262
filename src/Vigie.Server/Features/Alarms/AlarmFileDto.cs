using Vigie.Domain.Alarms.Handling;
using Vigie.Server.Features.Sites;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// Everything the levée de doute shows of one alarm: the alarm, its site's card, the cameras of its zone, its
/// consignes and what was done, the calls, the evidence and the site's other alarms of the last 24 hours.
/// </summary>
public sealed record AlarmFileDto(
    AlarmDto Alarm,
    SiteCardDto? Site,
    IReadOnlyList<CameraDto> Cameras,
    bool CamerasOfZone,
    IReadOnlyList<AlarmStepDto> Steps,
    IReadOnlyList<ContactCallDto> Calls,
    IReadOnlyList<AuthorityCallDto> AuthorityCalls,
    IReadOnlyList<EvidenceDto> Evidence,
    IReadOnlyList<PatrolDto> Patrols,
    IReadOnlyList<AlarmDto> RecentAlarms)
{
    /// <summary>True once the alarm may be passed to the police (CSI L613-6), whatever its category.</summary>
    public bool Verified => Evidence.Count > 0;
}

/// <summary>What the operator needs of a site during an alarm.</summary>
public sealed record SiteCardDto(
    Guid Id,
    string Name,
    string Client,
    string Address,
    string Notes,
    string PasswordHint,
    string AuthorisationNumber,
    DateOnly? AuthorisationExpiry,
    IReadOnlyList<ContactInput> Contacts,
    string? LastArming,
    DateTimeOffset? LastArmingAt);

public sealed record AlarmStepDto(int Order, string Kind, string Title, bool Mandatory, string Status, string Note, DateTimeOffset? At, string ByName)
{
    public static AlarmStepDto From(AlarmStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Order, KindName(step.Kind), step.Title, step.Mandatory, step.Status.ToString().ToLowerInvariant(), step.Note, step.At, step.ByName);
    }

    public static string KindName(StepKind kind) => kind switch
    {
        StepKind.WatchCameras => "watch_cameras",
        StepKind.CallContacts => "call_contacts",
        StepKind.CheckPassword => "check_password",
        StepKind.DispatchPatrol => "dispatch_patrol",
        StepKind.NotifyAuthorities => "notify_authorities",
        _ => "free",
    };

    public static bool TryParseKind(string? name, out StepKind kind) => EnumNames.TryParse(name, KindName, out kind);
}

public sealed record ContactCallDto(long Id, string ContactName, string Phone, string Outcome, string Note, DateTimeOffset At, string ByName)
{
    public static ContactCallDto From(ContactCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Id, call.ContactName, call.Phone, OutcomeName(call.Outcome), call.Note, call.At, call.ByName);
    }

    public static string OutcomeName(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "reached",
        CallOutcome.ReachedConfirms => "reached_confirms",
        CallOutcome.NoAnswer => "no_answer",
        CallOutcome.Voicemail => "voicemail",
        _ => "wrong_password",
    };

    public static bool TryParseOutcome(string? name, out CallOutcome outcome) => EnumNames.TryParse(name, OutcomeName, out outcome);
}

public sealed record AuthorityCallDto(long Id, string Service, string Reference, string Note, string? Reason, DateTimeOffset At, string ByName)
{
    public static AuthorityCallDto From(AuthorityCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Id, ServiceName(call.Service), call.Reference, call.Note, call.Reason, call.At, call.ByName);
    }

    public static string ServiceName(AuthorityService service) => service switch
    {
        AuthorityService.Police => "police",
        AuthorityService.Gendarmerie => "gendarmerie",
        AuthorityService.PoliceMunicipale => "police_municipale",
        AuthorityService.Pompiers => "pompiers",
        AuthorityService.Samu => "samu",
        _ => "112",
    };

    public static bool TryParseService(string? name, out AuthorityService service) => EnumNames.TryParse(name, ServiceName, out service);
}

/// <summary>Evidence of the alarm; a picture is downloaded through the main-courante entry that stored it (<see cref="EntryId"/>).</summary>
public sealed record EvidenceDto(long Id, string Kind, string Description, Guid? CameraId, DateTimeOffset? Instant, string? Sha256, long? EntryId, DateTimeOffset At, string ByName);

/// <summary>A snapshot to attach: live, or the frame recorded at <see cref="At"/>.</summary>
public sealed record SnapshotEvidence(Guid CameraId, DateTimeOffset? At);

/// <summary>A call to a public service: "police", "gendarmerie", "police_municipale", "pompiers", "samu", "112".</summary>
public sealed record NotifyAuthorities(string? Service, string? Reference, string? Note, string? Reason);

/// <summary>A call to a site contact: "reached", "reached_confirms", "no_answer", "voicemail", "wrong_password".</summary>
public sealed record RecordCall(string? Contact, string? Phone, string? Outcome, string? Note);

/// <summary>A step of the consignes done (note optional) or skipped (reason required).</summary>
public sealed record CompleteStep(string? Note);
