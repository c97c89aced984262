namespace Vigie.Domain.Alarms.Handling;

/// <summary>The public services an operator calls.</summary>
public enum AuthorityService
{
    /// <summary>17 — police nationale.</summary>
    Police,

    Gendarmerie,

    PoliceMunicipale,

    /// <summary>18 — sapeurs-pompiers.</summary>
    Pompiers,

    /// <summary>15 — SAMU.</summary>
    Samu,

    /// <summary>112 — European emergency number.</summary>
    Urgences112,
}

/// <summary>A call to a public service about an alarm: when, by whom, the reference given, what was said.</summary>
public sealed class AuthorityCall
{
    private AuthorityCall()
    {
        Reference = string.Empty;
        Note = string.Empty;
        ByName = string.Empty;
    }

    public AuthorityCall(long alarmId, AuthorityService service, string? reference, string? note, string? reason, PersonId by, string byName, DateTimeOffset at)
    {
        AlarmId = alarmId;
        Service = service;
        Reference = reference?.Trim() ?? string.Empty;
        Note = note?.Trim() ?? string.Empty;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ById = by;
        ByName = byName;
        At = at;
    }

    public long Id { get; private set; }

    public long AlarmId { get; private set; }

    public AuthorityService Service { get; private set; }

    /// <summary>The reference the service gave (intervention number…), when it gave one.</summary>
    public string Reference { get; private set; }

    /// <summary>What was said.</summary>
    public string Note { get; private set; }

    /// <summary>Why a person-in-danger alarm was passed on before any verification.</summary>
    public string? Reason { get; private set; }

    public PersonId ById { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static string FrenchName(AuthorityService service) => service switch
    {
        AuthorityService.Police => "police (17)",
        AuthorityService.Gendarmerie => "gendarmerie (17)",
        AuthorityService.PoliceMunicipale => "police municipale",
        AuthorityService.Pompiers => "sapeurs-pompiers (18)",
        AuthorityService.Samu => "SAMU (15)",
        _ => "112",
    };
}

/// <summary>
/// CSI L613-6: an alarm of a property (intrusion, tamper, technical…) is passed to the police or gendarmerie only
/// after the operator has verified it — a picture or clip of it, or a call confirming the intrusion, attached to
/// it. A person in danger (hold-up, panic) may be passed on at once, with a reason, evidence still kept when
/// there is some. Fire and medical calls (18, 15) are never held back.
/// </summary>
public static class AuthorityGate
{
    public static bool IsPersonInDanger(AlarmCategory category) => category is AlarmCategory.HoldUp or AlarmCategory.Panic;

    public static bool IsForcesOfOrder(AuthorityService service) =>
        service is AuthorityService.Police or AuthorityService.Gendarmerie or AuthorityService.PoliceMunicipale or AuthorityService.Urgences112;

    /// <summary>Throws unless the call may be recorded as made: evidence for a property alarm, a reason for a person in danger without evidence.</summary>
    public static void Demand(AlarmCategory category, AuthorityService service, bool hasEvidence, string? reason)
    {
        if (!IsForcesOfOrder(service) || hasEvidence || category == AlarmCategory.Fire)
        {
            return;
        }

        if (!IsPersonInDanger(category))
        {
            throw DomainException.Conflict(
                "alarm.verification_required",
                "CSI L613-6: attach verification evidence (a snapshot or clip of the alarm, or a call confirming the intrusion) before notifying the police.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("alarm.urgent_reason_required", "A person in danger may be reported before verification: say why.", "reason");
        }
    }
}
